package org.lyceum.ratelimit;

import java.util.Locale;

/**
 * The classes of operation that are limited, each with a bucket per caller: a person, an anonymous
 * client's address, or (for inboxes) a remote host. The defaults (burst, then tokens per minute)
 * are generous for people using the site by hand; an operator tunes them in {@link RateLimitConfig}.
 */
public enum RateClass {
    /** Creating and editing communities, collections, resources, threads and comments. */
    CONTENT(60, 30),
    /** Reports to moderators: cheap to send, costly to read. */
    REPORTS(10, 2),
    /** Operations that make this server fetch from another one: {@code resolve}, {@code fetchWebMetadata}. */
    REMOTE_FETCH(30, 20),
    /** {@code POST /uploads}. */
    UPLOADS(20, 10),
    /** {@code subscribe} messages on the live WebSocket. */
    SUBSCRIPTIONS(60, 60),
    /** Inbox POSTs, per remote host (the signing actor's). */
    INBOX(1000, 6000);

    final int defaultBurst;
    final double defaultPerMinute;

    RateClass(int defaultBurst, double defaultPerMinute) {
        this.defaultBurst = defaultBurst;
        this.defaultPerMinute = defaultPerMinute;
    }

    /** The name in config keys, metrics and the buckets' rows: {@code remote-fetch}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
