package org.lyceum.support;

import io.quarkus.test.junit.callback.QuarkusTestAfterEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Blocking detection for every @QuarkusTest: Vert.x's blocked-thread checker watches each event
 * loop (the test profile sets the limit, quarkus.vertx.max-event-loop-execute-time), and this
 * callback fails the test during which it reported an event loop held too long. Blocking APIs
 * called on an event loop (Hibernate ORM, Uni.await) already throw in Quarkus itself.
 */
public class EventLoopWatch implements QuarkusTestAfterEachCallback {

    static final String CHECKER = "io.vertx.core.impl.BlockedThreadChecker";
    private static final List<String> REPORTS = new ArrayList<>();
    private static volatile boolean installed;

    public EventLoopWatch() {
        install();
    }

    static synchronized void install() {
        if (installed) {
            return;
        }
        Logger.getLogger(CHECKER).addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                synchronized (REPORTS) {
                    REPORTS.add(String.valueOf(record.getMessage()));
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        });
        installed = true;
    }

    /** Whether the checker reported anything not yet drained. */
    static boolean pending() {
        synchronized (REPORTS) {
            return !REPORTS.isEmpty();
        }
    }

    /** What the checker reported since the last call, and forgets it. */
    public static List<String> drain() {
        install();
        synchronized (REPORTS) {
            List<String> out = List.copyOf(REPORTS);
            REPORTS.clear();
            return out;
        }
    }

    @Override
    public void afterEach(QuarkusTestMethodContext context) {
        List<String> reports = drain();
        if (!reports.isEmpty()) {
            throw new AssertionError("An event loop was blocked during "
                    + context.getTestMethod().getName() + ": " + reports);
        }
    }
}
