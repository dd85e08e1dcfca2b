package org.lyceum.ratelimit;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Buckets in this JVM only ({@code lyceum.rate-limit.backend=memory}), as the lock's memory backend:
 * for a single instance, or development. Each instance of a cluster would grant the whole burst.
 */
@ApplicationScoped
class MemoryBuckets implements BucketStore {

    private record Bucket(double tokens, long atNanos) {}

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    @Override
    public Uni<Decision> take(String rateClass, String key, Limit limit) {
        long now = System.nanoTime();
        Decision[] decision = new Decision[1];
        // compute() runs atomically per key: concurrent takes of one bucket see each other.
        buckets.compute(rateClass + "\n" + key, (k, old) -> {
            double tokens = old == null
                    ? limit.burst()
                    : Math.min(
                            limit.burst(), old.tokens() + Math.max(0, now - old.atNanos()) / 1e9 * limit.perSecond());
            if (tokens >= 1) {
                decision[0] = Decision.GRANTED;
                return new Bucket(tokens - 1, now);
            }
            decision[0] = Decision.refused(tokens, limit.perSecond());
            return new Bucket(tokens, now);
        });
        return Uni.createFrom().item(decision[0]);
    }

    @Override
    public Uni<Integer> prune(String rateClass, long idleSeconds) {
        long before = System.nanoTime() - idleSeconds * 1_000_000_000L;
        int size = buckets.size();
        buckets.entrySet()
                .removeIf(e ->
                        e.getKey().startsWith(rateClass + "\n") && e.getValue().atNanos() - before < 0);
        return Uni.createFrom().item(size - buckets.size());
    }
}
