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
        // Hold the event loop until the checker (limit 1 s in tests, checks every second) reports it,
        // or give up after 8 s, which fails the test: detection would be broken.
        vertx.runOnContext(ignored -> {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
            while (System.nanoTime() < until && !EventLoopWatch.pending()) {
                Thread.onSpinWait();
            }
            done.countDown();
        });
        done.await(15, TimeUnit.SECONDS);
        List<String> reports = EventLoopWatch.drain();
        assertFalse(reports.isEmpty(), "the blocked-thread checker should have reported the spinning event loop");
    }
}
