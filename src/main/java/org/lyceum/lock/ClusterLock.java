package org.lyceum.lock;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The cluster-wide lock: at most one holder per name at a time, across every instance that
 * shares the backend, with a fencing token per lease. A lease ends by itself when its time is up,
 * so a crashed holder delays others by one lease at most.
 */
@ApplicationScoped
public class ClusterLock {

    private static final Logger LOG = Logger.getLogger(ClusterLock.class);

    private final LockBackend backend;
    private final String holder;
    private final String backendName;
    private final Counter acquired;
    private final Counter busy;
    private final Counter losses;

    ClusterLock(
            MeterRegistry meters,
            LockConfig config,
            Instance<PostgresLockBackend> postgres,
            Instance<RedisLockBackend> redis,
            Instance<EtcdLockBackend> etcd,
            Instance<MemoryLockBackend> memory) {
        this.backend = switch (config.backend()) {
            case POSTGRES -> postgres.get();
            case REDIS -> redis.get();
            case ETCD -> etcd.get();
            case MEMORY -> memory.get();
        };
        this.holder = config.holder().orElse("instance-" + UUID.randomUUID());
        this.backendName = config.backend().name().toLowerCase(java.util.Locale.ROOT);
        this.acquired = meters.counter("lyceum.lock.acquisitions", "backend", backendName, "result", "acquired");
        this.busy = meters.counter("lyceum.lock.acquisitions", "backend", backendName, "result", "busy");
        this.losses = meters.counter("lyceum.lock.losses", "backend", backendName);
        // Counted by Fence, under the same name; registered here so the series exists at zero.
        meters.counter("lyceum.lock.fencing.refusals", "backend", backendName);
    }

    public String holder() {
        return holder;
    }

    /** The backend's name: tokens of different backends are not comparable. */
    public String backendName() {
        return backendName;
    }

    public Uni<Optional<Lease>> tryAcquire(String name, Duration leaseTime) {
        return backend.tryAcquire(name, holder, leaseTime)
                .invoke(lease -> (lease.isPresent() ? acquired : busy).increment());
    }

    public Uni<Optional<Lease>> renew(Lease lease, Duration leaseTime) {
        return backend.renew(lease, leaseTime);
    }

    public Uni<Boolean> release(Lease lease) {
        return backend.release(lease);
    }

    /** The newest token of the name: a write carrying an older one comes from a former holder. */
    public Uni<Long> newestToken(String name) {
        return backend.newestToken(name);
    }

    /**
     * Runs the work under the lock if it is free: empty if another holder has it. The lease is
     * renewed every third of its time while the work runs; if a renewal fails, the work is
     * cancelled and the result fails with {@link LockLostException}. The lease is released after.
     */
    public <T> Uni<Optional<T>> withLock(
            String name, Duration leaseTime, java.util.function.Function<Lease, Uni<T>> work) {
        return tryAcquire(name, leaseTime).chain(acquired -> {
            if (acquired.isEmpty()) {
                return Uni.createFrom().item(Optional.<T>empty());
            }
            AtomicReference<Lease> current = new AtomicReference<>(acquired.get());
            Uni<Optional<T>> done = work.apply(acquired.get()).map(Optional::ofNullable);
            // A renewal slower than the tick must not overflow the stream: extra ticks are dropped.
            // Any failed renewal, an error as much as an empty answer, ends the work as lost.
            Uni<Optional<T>> lost = Multi.createFrom()
                    .ticks()
                    .every(leaseTime.dividedBy(3))
                    .onOverflow()
                    .drop()
                    .onItem()
                    .transformToUniAndConcatenate(tick -> renew(
                                    Objects.requireNonNull(current.get(), "holds a lease from the start"), leaseTime)
                            .onFailure()
                            .transform(e -> new LockLostException(name)))
                    .onItem()
                    .transform(renewed -> {
                        current.set(renewed.orElseThrow(() -> new LockLostException(name)));
                        return renewed;
                    })
                    .collect()
                    .last()
                    .map(ignored -> Optional.<T>empty())
                    .onFailure(LockLostException.class)
                    .invoke(e -> losses.increment());
            return Uni.combine().any().of(done, lost).onTermination().call(() -> release(
                            Objects.requireNonNull(current.get(), "holds a lease from the start"))
                    .onFailure()
                    .invoke(e -> LOG.warnf(e, "Could not release lock %s; it expires by itself", name))
                    .onFailure()
                    .recoverWithItem(false));
        });
    }

    /** For callers that only need to know whether the work ran. */
    public Uni<Boolean> runIfFree(String name, Duration leaseTime, Supplier<Uni<Void>> work) {
        return withLock(name, leaseTime, lease -> work.get().replaceWith(Boolean.TRUE))
                .map(Optional::isPresent);
    }
}
