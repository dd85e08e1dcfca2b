package org.lyceum.instance;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** What this instance says about itself. */
@ConfigMapping(prefix = "lyceum.instance")
public interface InstanceConfig {

    /** The instance's name, shown to users and to other servers. */
    @WithDefault("Lyceum")
    String name();

    /** One or two sentences about who this instance is for. */
    @WithDefault("A Lyceum instance for educator communities")
    String description();

    /**
     * The public URL of this instance (scheme, host and optional port, no path). ActivityPub ids
     * are built from it and never change afterwards, so set it before the first user arrives.
     */
    @WithDefault("http://localhost:8080")
    String baseUrl();

    /** An address where people can reach the instance's admins. */
    Optional<String> contactEmail();
}
