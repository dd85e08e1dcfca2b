package org.lyceum.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lyceum.support.Required;

/**
 * The contract on the Redis store, against the Redis at 127.0.0.1:6379 (as RedisLockBackendTest);
 * skipped where none runs, failed in CI.
 */
@QuarkusTest
class RedisBucketsTest extends BucketContract {

    @Inject
    RedisBuckets buckets;

    @Inject
    PostgresBuckets postgres;

    @Inject
    ReactiveRedisDataSource redis;

    @BeforeEach
    void redisIsRunning() {
        Required.redis("Redis rate limits are");
    }

    @AfterEach
    void forgetTestBuckets() {
        redis.execute(
                        "EVAL",
                        "for _, k in ipairs(redis.call('keys', ARGV[1])) do redis.call('del', k) end return 0",
                        "0",
                        "lyceum:rate:*test*")
                .await()
                .indefinitely();
    }

    @Override
    BucketStore store() {
        return buckets;
    }

    @Test
    void redisAnswersAsPostgresDoes() {
        String key = key();
        Limit limit = new Limit(4, 3); // a token every 20 s
        List<Decision> fromRedis = new ArrayList<>();
        List<Decision> fromPostgres = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            fromRedis.add(take(key, limit));
            fromPostgres.add(postgres.take(CLASS, key, limit).await().atMost(Duration.ofSeconds(10)));
        }
        assertEquals(fromPostgres, fromRedis);
    }

    @Test
    void anIdleBucketExpiresWhenItWouldBeFull() {
        String key = key();
        take(key, new Limit(2, 60)); // one token short: full again in 1 s
        long ttl = redis.execute("PTTL", RedisBuckets.key(CLASS, key))
                .await()
                .indefinitely()
                .toLong();
        assertEquals(true, ttl > 0 && ttl <= 2_000, "expires when full (plus a second): " + ttl + " ms");
    }
}
