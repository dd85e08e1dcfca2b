package org.lyceum.discovery;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Discovery: finding resources and describing the links people bring in. */
@ConfigMapping(prefix = "lyceum.discovery")
public interface DiscoveryConfig {

    /**
     * How long a link preview ({@code fetchWebMetadata}) is answered from the database before the
     * page is fetched again; older previews are also deleted by the hourly job {@code discovery-prune}.
     */
    @WithDefault("24h")
    Duration previewCache();

    /**
     * How long a preview may take, fetch and reading included. Kept under the GraphQL deadline
     * ({@code lyceum.graphql.deadline}), so a page that never answers is PREVIEW_UNAVAILABLE like
     * every other failure, not a TIMEOUT that would tell it apart.
     */
    @WithDefault("5s")
    Duration previewTimeout();
}
