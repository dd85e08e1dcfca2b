package org.lyceum.job;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Named points in the job code where a fault test makes this process receive a real signal at a
 * chosen moment, such as "between claiming a digest and sending it". Inert unless
 * {@code lyceum.jobs.failpoints} names them, as {@code point=action@n,...}: on the n-th pass,
 * {@code kill} sends this process SIGKILL (as kill -9 would) and {@code stop} sends it SIGSTOP (it
 * runs on when the test sends SIGCONT). Only for the cluster fault tests; never set in production.
 */
@ApplicationScoped
public class Failpoints {

    private static final Logger LOG = Logger.getLogger(Failpoints.class);

    private final Map<String, Point> points = new HashMap<>();

    Failpoints(JobConfig config) {
        config.failpoints().ifPresent(spec -> {
            for (String entry : spec.split(",", -1)) {
                String[] nameAndRest = entry.trim().split("=", 2);
                String[] actionAndCount = nameAndRest[1].split("@", 2);
                points.put(nameAndRest[0], new Point(actionAndCount[0], Long.parseLong(actionAndCount[1])));
            }
            LOG.warnf("Failpoints armed: %s (fault tests only)", spec);
        });
    }

    public Uni<Void> pass(String name) {
        Point point = points.get(name);
        if (point == null || point.passes.incrementAndGet() != point.at) {
            return Uni.createFrom().voidItem();
        }
        String signal =
                switch (point.action) {
                    case "kill" -> "-KILL";
                    case "stop" -> "-STOP";
                    default -> throw new IllegalStateException("unknown failpoint action " + point.action);
                };
        LOG.warnf("Failpoint %s reached (pass %d): sending %s to this process", name, point.at, signal);
        // Starting a process blocks, so it happens on a worker thread, never on the event loop.
        return Uni.createFrom()
                .item(() -> {
                    try {
                        new ProcessBuilder(
                                        "kill",
                                        signal,
                                        String.valueOf(ProcessHandle.current().pid()))
                                .inheritIO()
                                .start()
                                .waitFor();
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return (Void) null;
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private record Point(String action, long at, AtomicLong passes) {
        Point(String action, long at) {
            this(action, at, new AtomicLong());
        }
    }
}
