package org.lyceum.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The contract on the in-process store; no Quarkus needed. */
class MemoryBucketsTest extends BucketContract {

    private final MemoryBuckets buckets = new MemoryBuckets();

    @Override
    BucketStore store() {
        return buckets;
    }

    @Test
    void pruningForgetsIdleBucketsOfTheClass() {
        take(key(), new Limit(2, 60));
        assertEquals(1, buckets.prune(CLASS, 0).await().atMost(Duration.ofSeconds(1)));
        assertEquals(0, buckets.prune(CLASS, 0).await().atMost(Duration.ofSeconds(1)));
    }
}
