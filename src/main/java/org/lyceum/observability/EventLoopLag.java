package org.lyceum.observability;

import io.micrometer.core.instrument.Timer;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * lyceum_event_loop_lag_seconds: how late a periodic task runs on each event loop. Something that
 * blocks a loop (or a loop that is simply saturated) delays every request on it; this shows it.
 * The task is scheduled on every one of Vert.x's Netty event loops directly.
 */
@ApplicationScoped
public class EventLoopLag {

    private static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final Vertx vertx;
    private final Telemetry telemetry;
    private final List<ScheduledFuture<?>> tasks = new ArrayList<>();

    EventLoopLag(Vertx vertx, Telemetry telemetry) {
        this.vertx = vertx;
        this.telemetry = telemetry;
    }

    void start(@Observes StartupEvent event) {
        Timer lag = Timer.builder("lyceum.event.loop.lag")
                .description("How late a periodic task ran on the event loops")
                .publishPercentiles(0.99)
                .register(telemetry.registry());
        for (EventExecutor loop : vertx.nettyEventLoopGroup()) {
            long[] due = {System.nanoTime() + PERIOD_NANOS};
            tasks.add(loop.scheduleWithFixedDelay(
                    () -> {
                        long now = System.nanoTime();
                        lag.record(Math.max(0, now - due[0]), TimeUnit.NANOSECONDS);
                        due[0] = now + PERIOD_NANOS;
                    },
                    PERIOD_NANOS,
                    PERIOD_NANOS,
                    TimeUnit.NANOSECONDS));
        }
    }

    void stop(@Observes ShutdownEvent event) {
        tasks.forEach(task -> task.cancel(false));
    }
}
