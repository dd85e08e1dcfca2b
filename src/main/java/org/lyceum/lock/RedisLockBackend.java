package org.lyceum.lock;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Leases in Redis: a script sets the lease key (value: token and holder, expiry PX) only if it is
 * absent and draws the token from {@code INCR} on a key that never expires, atomically; compare-
 * and-act scripts renew and release, so a former holder can never extend or delete a lease that
 * is no longer its own. Expiry is Redis' clock; {@link Lease#expiresAt()} is this instance's estimate.
 */
@ApplicationScoped
public class RedisLockBackend implements LockBackend {

    /** Taking the lease and drawing its token in one script: drawn apart, tokens were granted out of order. */
    private static final String ACQUIRE = "if redis.call('exists', KEYS[1]) == 1 then return 0 end "
            + "local token = redis.call('incr', KEYS[2]) "
            + "redis.call('set', KEYS[1], token .. ':' .. ARGV[1], 'PX', ARGV[2]) return token";

    private static final String RENEW = "if redis.call('get', KEYS[1]) == ARGV[1] then "
            + "return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
    private static final String RELEASE =
            "if redis.call('get', KEYS[1]) == ARGV[1] then " + "return redis.call('del', KEYS[1]) else return 0 end";

    private final ReactiveRedisDataSource redis;

    RedisLockBackend(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    private static String key(String name) {
        return "lyceum:lock:" + name;
    }

    private static String value(String holder, long token) {
        return token + ":" + holder;
    }

    @Override
    public Uni<Optional<Lease>> tryAcquire(String name, String holder, Duration leaseTime) {
        return redis.execute(
                        "EVAL",
                        ACQUIRE,
                        "2",
                        key(name),
                        key(name) + ":token",
                        holder,
                        String.valueOf(leaseTime.toMillis()))
                .map(t -> t.toLong() > 0
                        ? Optional.of(new Lease(
                                name, holder, t.toLong(), Instant.now().plus(leaseTime)))
                        : Optional.<Lease>empty());
    }

    @Override
    public Uni<Optional<Lease>> renew(Lease lease, Duration leaseTime) {
        return redis.execute(
                        "EVAL",
                        RENEW,
                        "1",
                        key(lease.name()),
                        value(lease.holder(), lease.token()),
                        String.valueOf(leaseTime.toMillis()))
                .map(r -> r.toLong() == 1
                        ? Optional.of(new Lease(
                                lease.name(),
                                lease.holder(),
                                lease.token(),
                                Instant.now().plus(leaseTime)))
                        : Optional.<Lease>empty());
    }

    @Override
    public Uni<Boolean> release(Lease lease) {
        return redis.execute("EVAL", RELEASE, "1", key(lease.name()), value(lease.holder(), lease.token()))
                .map(r -> r.toLong() == 1);
    }

    @Override
    public Uni<Long> newestToken(String name) {
        return redis.execute("GET", key(name) + ":token").map(RedisLockBackend::orZero);
    }

    private static long orZero(Response r) {
        return r == null ? 0L : r.toLong();
    }
}
