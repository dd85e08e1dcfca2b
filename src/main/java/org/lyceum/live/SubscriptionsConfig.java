package org.lyceum.live;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of GraphQL subscriptions (docs/configuration.md, {@code lyceum.subscriptions.*}). */
@ConfigMapping(prefix = "lyceum.subscriptions")
public interface SubscriptionsConfig {

    /** Subscriptions one WebSocket may hold at once; the next one is refused with RATE_LIMITED. */
    @WithDefault("20")
    int maxPerConnection();

    /**
     * WebSockets with subscriptions one person may hold on this instance at once; a subscription
     * on one more is refused with RATE_LIMITED.
     */
    @WithDefault("5")
    int maxConnectionsPerPerson();

    /**
     * Bytes waiting to be written to one WebSocket before its events are dropped (counted in
     * {@code lyceum_subscription_events_dropped_total}) rather than queued without bound.
     */
    @WithDefault("256K")
    MemorySize slowClientBuffer();

    /**
     * How long a WebSocket may stay open without a successful {@code connection_init}; then it is
     * closed with 4408, as graphql-transport-ws says.
     */
    @WithDefault("10s")
    java.time.Duration connectionInitTimeout();
}
