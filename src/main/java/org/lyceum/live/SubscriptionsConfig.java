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
}
