package org.lyceum.federation.actor;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.WorkerExecutor;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Callable;

/**
 * Where outgoing requests are signed: on as many worker threads as there are cores, not on the
 * event loop. An RSA-2048 signature costs about 0.7 ms of CPU; made on the event loop that runs the
 * deliveries, they held a fan-out to one core (bench/federation.sh) and stalled every other
 * request on that loop meanwhile. The result comes back on the caller's context.
 */
@ApplicationScoped
public class SigningPool {

    private final WorkerExecutor executor;

    SigningPool(Vertx vertx) {
        this.executor = vertx.createSharedWorkerExecutor(
                "lyceum-signing", Runtime.getRuntime().availableProcessors());
    }

    /** Runs {@code signing} (CPU-bound, never blocking on I/O) off the event loop. */
    public <T> Uni<T> run(Callable<T> signing) {
        return executor.executeBlocking(signing, false);
    }

    @PreDestroy
    void close() {
        executor.closeAndForget();
    }
}
