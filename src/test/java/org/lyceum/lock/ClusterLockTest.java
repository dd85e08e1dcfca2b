package org.lyceum.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.lyceum.support.Rows;

/** withLock on the default (PostgreSQL) backend: runs once, renews, stops work whose lease is lost. */
@QuarkusTest
class ClusterLockTest {

    @Inject
    ClusterLock lock;

    @Inject
    PostgresLockBackend backend;

    @Inject
    DataSource db;

    @Test
    void workRunsUnderTheLockAndReleasesIt() {
        String name = LockContract.name();
        Optional<Long> token = lock.withLock(
                        name, Duration.ofSeconds(5), lease -> Uni.createFrom().item(lease.token()))
                .await()
                .atMost(Duration.ofSeconds(10));
        assertEquals(Optional.of(1L), token);
        assertTrue(
                lock.tryAcquire(name, Duration.ofSeconds(5))
                        .await()
                        .indefinitely()
                        .isPresent(),
                "released after the work");
    }

    @Test
    void busyLocksSkipTheWork() {
        String name = LockContract.name();
        assertTrue(
                backend.tryAcquire(name, "someone-else", Duration.ofSeconds(30))
                        .await()
                        .indefinitely()
                        .isPresent(),
                "the other holder takes the lock");
        AtomicBoolean ran = new AtomicBoolean();
        Optional<Boolean> result = lock.withLock(name, Duration.ofSeconds(5), lease -> {
                    ran.set(true);
                    return Uni.createFrom().item(true);
                })
                .await()
                .atMost(Duration.ofSeconds(10));
        assertTrue(result.isEmpty());
        assertFalse(ran.get());
    }

    @Test
    void longWorkKeepsItsLeaseAndLosingItCancelsTheWork() throws Exception {
        String name = LockContract.name();
        // Outlives three lease times: renewals keep it.
        Optional<String> slow = lock.withLock(
                        name,
                        Duration.ofMillis(600),
                        lease ->
                                Uni.createFrom().item("done").onItem().delayIt().by(Duration.ofMillis(2_000)))
                .await()
                .atMost(Duration.ofSeconds(10));
        assertEquals(Optional.of("done"), slow);

        String lost = LockContract.name();
        AtomicBoolean cancelled = new AtomicBoolean();
        var running = lock.withLock(lost, Duration.ofMillis(900), lease -> Uni.createFrom()
                        .item("never")
                        .onItem()
                        .delayIt()
                        .by(Duration.ofSeconds(20))
                        .onCancellation()
                        .invoke(() -> cancelled.set(true)))
                .subscribeAsCompletionStage();
        Thread.sleep(200);
        // Another instance's view: the lease expired (say, a long GC pause) and was taken over.
        Rows.execute(db, "update cluster_lock set expires_at = now() where name = ?", lost);
        assertTrue(
                backend.tryAcquire(lost, "someone-else", Duration.ofSeconds(30))
                        .await()
                        .indefinitely()
                        .isPresent(),
                "the other holder takes the lock");
        Throwable failure =
                running.handle((ok, error) -> error).toCompletableFuture().get();
        assertInstanceOf(
                LockLostException.class,
                failure instanceof java.util.concurrent.CompletionException c ? c.getCause() : failure);
        assertTrue(cancelled.get(), "the work was cancelled when the renewal failed");
    }
}
