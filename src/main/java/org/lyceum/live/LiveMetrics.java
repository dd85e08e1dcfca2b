package org.lyceum.live;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** The metrics of live updates (docs/operations.md). */
final class LiveMetrics {

    private LiveMetrics() {}

    /** {@code lyceum_subscription_events_dropped_total}: events a slow subscriber did not get. */
    static Counter dropped(MeterRegistry meters) {
        return Counter.builder("lyceum.subscription.events.dropped")
                .description("Live events not sent because the subscriber's buffer was full (a slow client)")
                .register(meters);
    }
}
