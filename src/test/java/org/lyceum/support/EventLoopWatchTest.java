package org.lyceum.support;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Proves that the blocking detection every test relies on does detect a blocked event loop. */
@QuarkusTest
class EventLoopWatchTest {

    @Inject
    Vertx vertx;

    @Test
    void aBlockedEventLoopIsReported() throws Exception {
        EventLoopWatch.drain();
        CountDownLatch done = new CountDownLatch(1);
        vertx.runOnContext(ignored -> {
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2_500);
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            done.countDown();
        });
        done.await(10, TimeUnit.SECONDS);
        List<String> reports = EventLoopWatch.drain();
        assertFalse(reports.isEmpty(), "the blocked-thread checker should have reported the spinning event loop");
    }
}
