package org.lyceum.ratelimit;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Buckets as Redis hashes ({@code tokens}, {@code at}), each take one script, so it is atomic; the
 * time is Redis' own ({@code TIME}). A bucket expires when it would be full again, so nothing
 * needs pruning.
 */
@ApplicationScoped
class RedisBuckets implements BucketStore {

    /** KEYS[1] the bucket; ARGV burst, tokens per second. Returns {granted, tokens left as a string}. */
    static final String TAKE = "local burst = tonumber(ARGV[1]) local rate = tonumber(ARGV[2]) "
            + "local t = redis.call('TIME') local now = tonumber(t[1]) + tonumber(t[2]) / 1000000 "
            + "local b = redis.call('HMGET', KEYS[1], 'tokens', 'at') "
            + "local tokens = burst "
            + "if b[1] then tokens = math.min(burst, tonumber(b[1]) + math.max(0, now - tonumber(b[2])) * rate) end "
            + "local granted = 0 "
            + "if tokens >= 1 then tokens = tokens - 1 granted = 1 end "
            + "redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now)) "
            + "redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) / rate * 1000) + 1000) "
            + "return {granted, tostring(tokens)}";

    private final ReactiveRedisDataSource redis;

    RedisBuckets(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    static String key(String rateClass, String key) {
        return "lyceum:rate:" + rateClass + ":" + key;
    }

    @Override
    public Uni<Decision> take(String rateClass, String key, Limit limit) {
        return redis.execute(
                        "EVAL",
                        TAKE,
                        "1",
                        key(rateClass, key),
                        String.valueOf(limit.burst()),
                        String.valueOf(limit.perSecond()))
                .map(r -> r.get(0).toLong() == 1
                        ? Decision.GRANTED
                        : Decision.refused(Double.parseDouble(r.get(1).toString()), limit.perSecond()));
    }

    @Override
    public Uni<Integer> prune(String rateClass, long idleSeconds) {
        return Uni.createFrom().item(0); // keys expire by themselves
    }
}
