package org.lyceum.ratelimit;

import io.smallrye.mutiny.Uni;

/**
 * Where buckets live. A take is one atomic step judged by the store's clock, so instances sharing
 * the store share the buckets and their clocks do not matter. A bucket never seen is full.
 */
interface BucketStore {

    /** Refills the bucket of (rateClass, key) for the time since its last take and takes one token if there is one. */
    Uni<Decision> take(String rateClass, String key, Limit limit);

    /** Forgets buckets of the class untouched for this long (they are full again); how many went. */
    Uni<Integer> prune(String rateClass, long idleSeconds);
}
