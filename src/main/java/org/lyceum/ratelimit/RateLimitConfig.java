package org.lyceum.ratelimit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Rate limits: a token bucket per class of operation and caller (a person, an anonymous client's
 * address, a remote host for inboxes), shared by every instance of a cluster.
 */
@ConfigMapping(prefix = "lyceum.rate-limit")
public interface RateLimitConfig {

    /** Whether requests are limited at all; {@code false} lets everything through (and nothing is stored). */
    @WithDefault("true")
    boolean enabled();

    /**
     * Where buckets live: {@code postgres} (a row per bucket in the shared database) or {@code redis}
     * (the Redis of {@code quarkus.redis.hosts}, as for {@code lyceum.lock.backend=redis}) or {@code
     * memory} (this JVM only: one instance).
     */
    @WithDefault("postgres")
    Backend backend();

    /** Creating and editing communities, collections, resources, threads and comments (default 60, 30/min). */
    Bucket content();

    /** {@code reportObject} (default 10, 2/min). */
    Bucket reports();

    /** {@code resolve} and {@code fetchWebMetadata}, which make this server fetch from others (default 30, 20/min). */
    Bucket remoteFetch();

    /** {@code POST /uploads} (default 20, 10/min). */
    Bucket uploads();

    /** {@code subscribe} messages on the live WebSocket (default 60, 60/min). */
    Bucket subscriptions();

    /** Inbox POSTs per remote host (default 1000, 6000/min). */
    Bucket inbox();

    /** One class's bucket. */
    interface Bucket {

        /** Requests allowed at once: the bucket's size, full when a caller starts. Unset: the class's default. */
        OptionalInt burst();

        /** Tokens added back per minute, fractions allowed (0.5 is one every two minutes). Unset: the class's default. */
        Optional<Double> perMinute();
    }

    enum Backend {
        POSTGRES,
        REDIS,
        MEMORY
    }
}
