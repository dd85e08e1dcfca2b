package org.lyceum.lock;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** The cluster-wide lock. */
@ConfigMapping(prefix = "lyceum.lock")
public interface LockConfig {

    /**
     * {@code postgres} (shared by all instances on one database), {@code redis} (shared through the
     * Redis of {@code quarkus.redis.hosts}) or {@code memory} (one instance only).
     */
    @WithDefault("postgres")
    Backend backend();

    /** This instance's name as a lock holder; a random id per process when unset. */
    Optional<String> holder();

    enum Backend {
        POSTGRES,
        REDIS,
        MEMORY
    }
}
