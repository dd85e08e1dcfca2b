package org.lyceum.lock;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The contract on the in-JVM backend, without Quarkus. */
class MemoryLockBackendTest extends LockContract {

    private final MemoryLockBackend backend = new MemoryLockBackend();

    @Override
    LockBackend backend() {
        return backend;
    }

    /** The fuzz test can fail: a "lock" that grants everyone the same token does not pass it. */
    @Test
    void theFuzzTestCatchesABrokenLock() {
        LockBackend broken = new LockBackend() {
            @Override
            public Uni<Optional<Lease>> tryAcquire(String name, String holder, Duration leaseTime) {
                return Uni.createFrom()
                        .item(Optional.of(
                                new Lease(name, holder, 1, Instant.now().plus(leaseTime))));
            }

            @Override
            public Uni<Optional<Lease>> renew(Lease lease, Duration leaseTime) {
                return Uni.createFrom().item(Optional.of(lease));
            }

            @Override
            public Uni<Boolean> release(Lease lease) {
                return Uni.createFrom().item(true);
            }

            @Override
            public Uni<Long> newestToken(String name) {
                return Uni.createFrom().item(1L);
            }
        };
        assertThrows(AssertionError.class, () -> fuzz(broken));
    }
}
