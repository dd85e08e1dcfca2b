package org.lyceum.digest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Digest emails. */
@ConfigMapping(prefix = "lyceum.digest")
public interface DigestConfig {

    /**
     * When the planner looks for due digests (Quartz cron, the instance's time zone). A digest is
     * due once the person's preferred hour has passed in their time zone, so hourly is right.
     */
    @WithDefault("0 0 * * * ?")
    String cron();

    /**
     * Makes every period this long (e.g. {@code 10s}) for everyone, whatever their settings, and
     * plans several times a period: for tests, demos and benchmarks. Never in production.
     */
    Optional<Duration> periodOverride();

    /** Frequency of people who never chose one. */
    @WithDefault("WEEKLY")
    DigestFrequency defaultFrequency();

    @WithDefault("UTC")
    String defaultTimeZone();

    @WithDefault("8")
    int defaultHour();

    /** Items in one digest at most; the rest is summed up as "and N more". */
    @WithDefault("20")
    int maxItems();

    /** How often each instance looks for planned digests to send. */
    @WithDefault("5s")
    Duration poll();

    /** Rows one instance claims at a time. */
    @WithDefault("100")
    int batch();

    /** Messages one instance has at the SMTP server at once. */
    @WithDefault("16")
    int concurrency();

    /** How long a claim stands; a claim not marked sent by then (its instance died) is taken over. */
    @WithDefault("2m")
    Duration claimTime();

    /** Longest wait for the SMTP server to accept one message; keep it well under claim-time. */
    @WithDefault("60s")
    Duration sendTimeout();

    /**
     * Content younger than this at planning time waits for the next digest: its transaction may
     * not be visible yet, and its timestamp comes from an instance whose clock may lag the database's.
     */
    @WithDefault("1m")
    Duration settle();

    /** First retry after an SMTP failure; doubles per attempt up to retry-max, never given up. */
    @WithDefault("30s")
    Duration retryBase();

    @WithDefault("1h")
    Duration retryMax();

    /**
     * How long finished ledger rows are kept. Planning only ever plans the current period, so a
     * pruned period is never planned again.
     */
    @WithDefault("30d")
    Duration keep();

    /** How long the unsubscribe link of a digest works. */
    @WithDefault("90d")
    Duration unsubscribeValidity();
}
