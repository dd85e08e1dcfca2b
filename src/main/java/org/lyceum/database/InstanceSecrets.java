package org.lyceum.database;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keys every instance must share (instance_secret), such as those that sign unsubscribe links and
 * private files' URLs: made by the first instance that needs one, read by the others, then kept.
 */
@ApplicationScoped
public class InstanceSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Sql sql;
    private final Map<String, byte[]> known = new ConcurrentHashMap<>();

    InstanceSecrets(Sql sql) {
        this.sql = sql;
    }

    /** The 32-byte key of this name. */
    public Uni<byte[]> key(String name) {
        byte[] key = known.get(name);
        return key != null ? Uni.createFrom().item(key) : load(name).invoke(k -> known.put(name, k));
    }

    private Uni<byte[]> load(String name) {
        byte[] fresh = new byte[32];
        RANDOM.nextBytes(fresh);
        return sql.run(
                        "insert into instance_secret (name, secret) values ($1, $2) on conflict (name) do nothing",
                        name,
                        Buffer.buffer(fresh).getDelegate())
                .chain(() ->
                        sql.one("select secret from instance_secret where name = $1", r -> r.getBytes("secret"), name));
    }
}
