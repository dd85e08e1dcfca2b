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
}
