package org.lyceum.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every bucket store does, run against each (PostgresBucketsTest, RedisBucketsTest). */
abstract class BucketContract {

    abstract BucketStore store();

    static final String CLASS = "test";

    static String key() {
        return "test:" + UUID.randomUUID();
    }

    Decision take(String key, Limit limit) {
        return store().take(CLASS, key, limit).await().atMost(Duration.ofSeconds(10));
    }

    @Test
    void aBurstIsGrantedAndTheNextIsRefusedWithTheSecondsToTheNextToken() {
        String key = key();
        Limit limit = new Limit(3, 6); // a token every 10 s
        for (int i = 0; i < 3; i++) {
            assertTrue(take(key, limit).granted(), "take " + i + " of the burst");
        }
        Decision refused = take(key, limit);
        assertFalse(refused.granted());
        assertTrue(
                refused.retryAfter() >= 9 && refused.retryAfter() <= 10,
                "about 10 s to the next token: " + refused.retryAfter());
        assertFalse(take(key, limit).granted(), "still refused");
    }

    @Test
    void theBucketRefillsAtTheRate() throws InterruptedException {
        String key = key();
        Limit limit = new Limit(2, 600); // 10 tokens a second
        assertTrue(take(key, limit).granted());
        assertTrue(take(key, limit).granted());
        Decision refused = take(key, limit);
        assertFalse(refused.granted());
        assertEquals(1, refused.retryAfter(), "whole seconds, at least 1");
        Thread.sleep(250); // two and a half tokens come back, of which the bucket holds two
        assertTrue(take(key, limit).granted(), "refilled");
        assertTrue(take(key, limit).granted(), "refilled up to the burst");
        assertFalse(take(key, limit).granted(), "and no more than the burst");
    }

    @Test
    void twoKeysDoNotShareABucketNorTwoClasses() {
        String key = key();
        Limit limit = new Limit(1, 1);
        assertTrue(take(key, limit).granted());
        assertFalse(take(key, limit).granted());
        assertTrue(take(key(), limit).granted(), "another key has its own bucket");
        assertTrue(
                store().take("other-test", key, limit)
                        .await()
                        .atMost(Duration.ofSeconds(10))
                        .granted(),
                "another class too");
    }

    @Test
    void concurrentTakesGrantExactlyTheBurst() {
        String key = key();
        Limit limit = new Limit(10, 0.01);
        List<Decision> decisions = Multi.createFrom()
                .range(0, 40)
                .onItem()
                .transformToUni(i -> Uni.createFrom().deferred(() -> store().take(CLASS, key, limit)))
                .merge(40)
                .collect()
                .asList()
                .await()
                .atMost(Duration.ofSeconds(20));
        assertEquals(40, decisions.size());
        assertEquals(10, decisions.stream().filter(Decision::granted).count(), String.valueOf(decisions));
    }
}
