package org.lyceum.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What every lock backend must do; each backend's test class extends this. */
abstract class LockContract {

    abstract LockBackend backend();

    /** The time step of the expiry tests: etcd counts leases in whole seconds, the others in milliseconds. */
    Duration unit() {
        return Duration.ofMillis(100);
    }

    private Duration units(int n) {
        return unit().multipliedBy(n);
    }

    private static final Duration LONG = Duration.ofSeconds(30);

    static String name() {
        return "test-" + UUID.randomUUID();
    }

    Lease acquire(String name, String holder, Duration lease) {
        return backend()
                .tryAcquire(name, holder, lease)
                .await()
                .atMost(Duration.ofSeconds(10))
                .orElseThrow();
    }

    @Test
    void oneHolderAtATime() {
        String name = name();
        Lease a = acquire(name, "a", LONG);
        assertEquals(name, a.name());
        assertEquals("a", a.holder());
        assertTrue(backend().tryAcquire(name, "b", LONG).await().indefinitely().isEmpty());
        assertTrue(backend().tryAcquire(name, "a", LONG).await().indefinitely().isEmpty(), "leases are not reentrant");
        assertTrue(backend().release(a).await().indefinitely());
        Lease b = acquire(name, "b", LONG);
        assertTrue(b.token() > a.token(), "tokens grow with every lease");
        assertEquals(b.token(), backend().newestToken(name).await().indefinitely());
    }

    @Test
    void anExpiredLeasePassesOnAndItsHolderCanNeitherRenewNorRelease() throws Exception {
        String name = name();
        Lease a = acquire(name, "a", units(3));
        Thread.sleep(units(6).toMillis());
        Lease b = acquire(name, "b", LONG);
        assertTrue(b.token() > a.token());
        assertTrue(backend().renew(a, LONG).await().indefinitely().isEmpty());
        assertFalse(backend().release(a).await().indefinitely());
        assertTrue(backend().tryAcquire(name, "c", LONG).await().indefinitely().isEmpty(), "b still holds it");
    }

    @Test
    void renewingKeepsTheLease() throws Exception {
        String name = name();
        Lease a = acquire(name, "a", units(8));
        Thread.sleep(units(4).toMillis());
        Optional<Lease> renewed = backend().renew(a, units(8)).await().indefinitely();
        assertTrue(renewed.isPresent());
        assertEquals(a.token(), renewed.get().token());
        Thread.sleep(units(6).toMillis());
        assertTrue(
                backend().tryAcquire(name, "b", LONG).await().indefinitely().isEmpty(),
                "renewed past its first expiry");
        assertTrue(backend().release(renewed.get()).await().indefinitely());
    }

    @Test
    void unknownNamesHaveTokenZero() {
        assertEquals(0L, backend().newestToken(name()).await().indefinitely());
    }

    /**
     * After ShedLock's FuzzTester: 8 workers x 100 iterations of a non-atomic read-modify-write
     * under the lock leave an exact counter, and the tokens, in the order the leases were
     * granted, strictly increase.
     */
    @Test
    void fuzz() throws Exception {
        fuzz(backend());
    }

    @SuppressWarnings("ThreadPriorityCheck") // the yield widens the race window a broken lock would lose
    static void fuzz(LockBackend backend) throws Exception {
        String name = name();
        int workers = 8;
        int iterations = 100;
        int[] counter = {0};
        List<Long> tokens = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                String holder = "worker-" + w;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < iterations; i++) {
                        Lease lease;
                        while (true) {
                            Optional<Lease> got = backend.tryAcquire(name, holder, LONG)
                                    .await()
                                    .indefinitely();
                            if (got.isPresent()) {
                                lease = got.get();
                                break;
                            }
                            Thread.onSpinWait();
                        }
                        synchronized (tokens) {
                            tokens.add(lease.token());
                        }
                        int read = counter[0];
                        Thread.yield();
                        counter[0] = read + 1;
                        if (!backend.release(lease).await().indefinitely()) {
                            throw new AssertionError("lost a lease that should still be held");
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw e.getCause() instanceof AssertionError a ? a : new AssertionError(e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(workers * iterations, counter[0]);
        for (int i = 1; i < tokens.size(); i++) {
            assertTrue(
                    tokens.get(i) > tokens.get(i - 1),
                    "token " + i + " did not grow: " + tokens.subList(Math.max(0, i - 3), i + 1));
        }
    }
}
