package org.lyceum.lock;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Leases in this JVM: right for a single instance (and tests), wrong for a cluster. */
@ApplicationScoped
public class MemoryLockBackend implements LockBackend {

    private final Map<String, Lease> leases = new HashMap<>();
    private final Map<String, Long> tokens = new HashMap<>();
    private final Clock clock;

    MemoryLockBackend() {
        this(Clock.systemUTC());
    }

    MemoryLockBackend(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Uni<Optional<Lease>> tryAcquire(String name, String holder, Duration leaseTime) {
        Instant now = clock.instant();
        Lease current = leases.get(name);
        if (current != null && current.expiresAt().isAfter(now)) {
            return Uni.createFrom().item(Optional.empty());
        }
        long token = tokens.merge(name, 1L, Long::sum);
        Lease lease = new Lease(name, holder, token, now.plus(leaseTime));
        leases.put(name, lease);
        return Uni.createFrom().item(Optional.of(lease));
    }

    @Override
    public synchronized Uni<Optional<Lease>> renew(Lease lease, Duration leaseTime) {
        if (!holds(lease)) {
            return Uni.createFrom().item(Optional.empty());
        }
        Lease renewed = new Lease(
                lease.name(), lease.holder(), lease.token(), clock.instant().plus(leaseTime));
        leases.put(lease.name(), renewed);
        return Uni.createFrom().item(Optional.of(renewed));
    }

    @Override
    public synchronized Uni<Boolean> release(Lease lease) {
        boolean held = holds(lease);
        if (held) {
            leases.remove(lease.name());
        }
        return Uni.createFrom().item(held);
    }

    @Override
    public synchronized Uni<Long> newestToken(String name) {
        return Uni.createFrom().item(tokens.getOrDefault(name, 0L));
    }

    private boolean holds(Lease lease) {
        Lease current = leases.get(lease.name());
        return current != null
                && current.token() == lease.token()
                && current.holder().equals(lease.holder())
                && current.expiresAt().isAfter(clock.instant());
    }
}
