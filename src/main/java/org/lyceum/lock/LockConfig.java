package org.lyceum.lock;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** The cluster-wide lock. */
@ConfigMapping(prefix = "lyceum.lock")
public interface LockConfig {

    /**
     * {@code postgres} (shared by all instances on one database), {@code redis} (shared through the
     * Redis of {@code quarkus.redis.hosts}), {@code etcd} (the etcd at {@code etcd-endpoint}) or
     * {@code memory} (one instance only).
     */
    @WithDefault("postgres")
    Backend backend();

    /** The etcd v3 endpoint (its JSON gateway is on the client port) for {@code backend=etcd}. */
    @WithDefault("http://127.0.0.1:2379")
    String etcdEndpoint();

    /** This instance's name as a lock holder; a random id per process when unset. */
    Optional<String> holder();

    enum Backend {
        POSTGRES,
        REDIS,
        ETCD,
        MEMORY
    }
}
