package org.lyceum.lock;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.lyceum.support.Required;

/**
 * The contract on the Redis backend, against the Redis at 127.0.0.1:6379 (running on our machines
 * and in CI, where .ci/run starts one if needed). Where none runs, the tests are skipped and say so; in
 * CI (LYCEUM_CI=1) they fail instead.
 */
@QuarkusTest
class RedisLockBackendTest extends LockContract {

    @Inject
    RedisLockBackend backend;

    @BeforeEach
    void redisIsRunning() {
        Required.redis("the Redis lock backend is");
    }

    @Inject
    io.quarkus.redis.datasource.ReactiveRedisDataSource redis;

    /** The shared Redis keeps no trace of the tests' locks. */
    @org.junit.jupiter.api.AfterEach
    void forgetTestLocks() {
        redis.execute(
                        "EVAL",
                        "for _, k in ipairs(redis.call('keys', ARGV[1])) do redis.call('del', k) end return 0",
                        "0",
                        "lyceum:lock:test-*")
                .await()
                .indefinitely();
    }

    @Override
    LockBackend backend() {
        return backend;
    }
}
