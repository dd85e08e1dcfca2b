package org.lyceum.observability;

import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * lyceum_event_loop_lag_seconds: how late a timer fires on each event loop. Something that blocks
 * a loop (or a loop that is simply saturated) delays every request on it; this shows it as lag.
 */
@ApplicationScoped
public class EventLoopLag {

    private static final long PERIOD_MS = 500;

    private final Vertx vertx;
    private final Telemetry telemetry;
    private final int loops;
    private final List<Long> timers = new ArrayList<>();

    EventLoopLag(
            Vertx vertx,
            Telemetry telemetry,
            @ConfigProperty(name = "quarkus.vertx.event-loops-pool-size") java.util.Optional<Integer> loops) {
        this.vertx = vertx;
        this.telemetry = telemetry;
        this.loops = loops.orElse(2 * Runtime.getRuntime().availableProcessors());
    }

    void start(@Observes StartupEvent event) {
        Timer lag = Timer.builder("lyceum.event.loop.lag")
                .description("How late a periodic timer fired on the event loops")
                .publishPercentiles(0.99)
                .register(telemetry.registry());
        // Each context made from a non-Vert.x thread is bound to the next event loop in turn.
        for (int i = 0; i < loops; i++) {
            Context context = vertx.getOrCreateContext();
            context.runOnContext(ignored -> {
                long[] expected = {System.nanoTime() + PERIOD_MS * 1_000_000};
                long id = vertx.setPeriodic(PERIOD_MS, t -> {
                    long now = System.nanoTime();
                    lag.record(Math.max(0, now - expected[0]), TimeUnit.NANOSECONDS);
                    expected[0] = now + PERIOD_MS * 1_000_000;
                });
                synchronized (timers) {
                    timers.add(id);
                }
            });
        }
    }

    void stop(@Observes ShutdownEvent event) {
        synchronized (timers) {
            timers.forEach(vertx::cancelTimer);
        }
    }
}
