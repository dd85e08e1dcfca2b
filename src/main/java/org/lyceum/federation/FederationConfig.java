package org.lyceum.federation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Federation with other servers. */
@ConfigMapping(prefix = "lyceum.federation")
public interface FederationConfig {

    /**
     * Hosts or CIDR blocks that remote fetches may reach although they are private, loopback or
     * link-local: for tests and private deployments. Empty in production.
     */
    Optional<List<String>> privateAddressAllowlist();

    /**
     * Ports remote fetches and deliveries may use; others are refused, unless the host is on
     * {@code private-address-allowlist}, whose hosts may use any port.
     */
    @WithDefault("80,443")
    List<Integer> allowedPorts();

    /**
     * PEM files of the certificate authorities remote fetches trust instead of the JVM's: for
     * private deployments with their own CA, and tests. Empty: the JVM's.
     */
    Optional<List<String>> trustCertificates();

    /** Longest a remote fetch may take, redirects included. */
    @WithDefault("10s")
    Duration fetchTimeout();

    /** Largest response body a remote fetch accepts. */
    @WithDefault("1048576")
    long fetchMaxBytes();

    /** Redirects a remote fetch follows, each checked like the first address. */
    @WithDefault("5")
    int fetchMaxRedirects();

    /** Largest activity an inbox accepts; a larger one gets 413. */
    @WithDefault("262144")
    long inboxMaxBytes();

    /** How far a signature's Date or created time may be from our clock. */
    @WithDefault("1h")
    Duration clockSkew();

    /**
     * When a signature does not match a signer's stored key, the key is fetched again, but at most
     * once per this time per key, so forged requests cannot make us hammer the signer's server.
     */
    @WithDefault("1m")
    Duration keyRefetchCooldown();

    /** Refuse unsigned GETs of actors and objects (what Mastodon calls secure mode). */
    @WithDefault("false")
    boolean authorizedFetch();

    /** Look up acct: handles over plain http instead of https: for tests and local development only. */
    @WithDefault("false")
    boolean plainHttp();

    /** A remote actor's document is fetched again when it is older than this. */
    @WithDefault("1d")
    Duration actorRefresh();

    /** How often each instance looks for received activities to process and local ones to publish. */
    @WithDefault("1s")
    Duration poll();

    /**
     * Federate only with the domains admins allowed (allowDomain, or allowed-domains here);
     * everything else is refused as if suspended.
     */
    @WithDefault("false")
    boolean allowlistMode();

    /** Domains allowed in allowlist mode, besides those admins add with allowDomain. */
    Optional<List<String>> allowedDomains();

    /** Domains suspended by configuration, besides those admins block with blockDomain. */
    Optional<List<String>> blockedDomains();

    /** Outgoing deliveries. */
    Delivery delivery();

    interface Delivery {

        /** How often each instance looks for hosts with deliveries due. */
        @WithDefault("1s")
        Duration poll();

        /** Host queues one instance works at once. */
        @WithDefault("8")
        int hostsPerInstance();

        /** Deliveries in flight to one host at once. */
        @WithDefault("4")
        int inFlightPerHost();

        /** Lease of the lock delivery:<host>; the host passes to another instance within it when its worker dies. */
        @WithDefault("30s")
        Duration lease();

        /** First retry after a failure; doubles (with jitter) per attempt up to retry-max. */
        @WithDefault("30s")
        Duration retryBase();

        @WithDefault("6h")
        Duration retryMax();

        /** A delivery still failing this long after it was written is given up (Mastodon retries about two days). */
        @WithDefault("2d")
        Duration giveUpAfter();

        /** Consecutive failures that open a host's circuit breaker. */
        @WithDefault("5")
        int breakerThreshold();

        /** How long an open breaker keeps a host's queue still before one delivery tries again. */
        @WithDefault("1m")
        Duration breakerOpen();

        /** A host failing without a success this long is marked dead and skipped until it answers again. */
        @WithDefault("3d")
        Duration deadAfter();

        /** How long delivered and given-up rows are kept. */
        @WithDefault("7d")
        Duration keep();
    }
}
