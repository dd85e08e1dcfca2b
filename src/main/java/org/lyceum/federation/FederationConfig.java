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

    /** Longest a remote fetch may take, redirects included. */
    @WithDefault("10s")
    Duration fetchTimeout();

    /** Largest response body a remote fetch accepts. */
    @WithDefault("1048576")
    long fetchMaxBytes();

    /** Redirects a remote fetch follows, each checked like the first address. */
    @WithDefault("5")
    int fetchMaxRedirects();
}
