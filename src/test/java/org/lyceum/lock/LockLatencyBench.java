package org.lyceum.lock;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A benchmark, not a test (tag "bench", excluded from the suite): acquire and release latency of
 * each lock backend, one caller at a time, against the test run's PostgreSQL and the local Redis.
 * Run it with bench/locks.sh.
 */
@QuarkusTest
@Tag("bench")
class LockLatencyBench {

    private static final int WARM_UP = 500;
    private static final int ROUNDS = 3_000;

    @Inject
    PostgresLockBackend postgres;

    @Inject
    RedisLockBackend redis;

    @Inject
    org.lyceum.database.Sql sql;

    @Inject
    io.quarkus.redis.datasource.ReactiveRedisDataSource redisClient;

    @Inject
    io.vertx.mutiny.core.Vertx vertx;

    @Test
    void latencies() throws Exception {
        measure("memory", new MemoryLockBackend());
        measure("postgres", postgres);
        measure("redis", redis);
        // Baselines in the same run: one bare round trip to each server.
        roundTrip("postgres select 1", () -> sql.run("select 1").await().indefinitely());
        roundTrip("redis PING", () -> redisClient.execute("PING").await().indefinitely());
        try (LocalEtcd etcd = LocalEtcd.start().orElseThrow(() -> new IllegalStateException(LocalEtcd.MISSING))) {
            EtcdLockBackend backend = new EtcdLockBackend(vertx, etcd.url);
            measure("etcd", backend);
            roundTrip(
                    "etcd range",
                    () -> backend.newestToken("bench-none").await().indefinitely());
        }
    }

    private static void roundTrip(String label, Runnable call) {
        long[] times = new long[ROUNDS];
        for (int i = -WARM_UP; i < ROUNDS; i++) {
            long t0 = System.nanoTime();
            call.run();
            if (i >= 0) {
                times[i] = System.nanoTime() - t0;
            }
        }
        System.out.println(String.format(
                Locale.ROOT,
                "LOCK-BENCH baseline %-18s p50 %.3f ms p99 %.3f ms | %d rounds",
                label,
                pct(times, 0.5),
                pct(times, 0.99),
                ROUNDS));
    }

    private static void measure(String label, LockBackend backend) {
        String name = "bench-" + UUID.randomUUID();
        Duration lease = Duration.ofSeconds(30);
        long[] acquire = new long[ROUNDS];
        long[] release = new long[ROUNDS];
        for (int i = -WARM_UP; i < ROUNDS; i++) {
            long t0 = System.nanoTime();
            Lease l = backend.tryAcquire(name, "bench", lease)
                    .await()
                    .indefinitely()
                    .orElseThrow();
            long t1 = System.nanoTime();
            backend.release(l).await().indefinitely();
            long t2 = System.nanoTime();
            if (i >= 0) {
                acquire[i] = t1 - t0;
                release[i] = t2 - t1;
            }
        }
        System.out.println(String.format(
                Locale.ROOT,
                "LOCK-BENCH %-8s acquire p50 %.3f ms p99 %.3f ms | release p50 %.3f ms p99 %.3f ms | %d rounds",
                label,
                pct(acquire, 0.5),
                pct(acquire, 0.99),
                pct(release, 0.5),
                pct(release, 0.99),
                ROUNDS));
    }

    private static double pct(long[] values, double p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
    }
}
