package org.lyceum.federation.actor;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.List;
import org.lyceum.database.Sql;
import org.lyceum.federation.Authority;
import org.lyceum.instance.InstanceConfig;

/** Finds this instance's actors by handle or id, for WebFinger. */
@ApplicationScoped
public class Discovery {

    private final Sql sql;
    private final String host;

    Discovery(Sql sql, InstanceConfig instance) {
        this.sql = sql;
        this.host = Authority.of(URI.create(instance.baseUrl()));
    }

    /** host[:port] of this instance, as it appears in acct: handles. */
    public String host() {
        return host;
    }

    /** A local actor: its id, its kind and its handle's name. */
    public record Actor(String apId, String type, String name) {}

    /**
     * The local actor with this name: at most one. People and communities share one namespace;
     * where a name is both (a clash from before they did, listed at start-up), the person, the
     * older identity, is the answer.
     */
    public Uni<List<Actor>> byName(String name) {
        return sql.list(
                "select ap_id, type, name from (select ap_id, 'Person' as type, username as name, 0 as rank from person"
                        + " where lower(username) = lower($1) and host is null and deleted_at is null"
                        + " union all select ap_id, 'Group', name, 1 from community where lower(name) = lower($1) and host is null"
                        + " and deleted_at is null) found order by rank limit 1",
                r -> new Actor(r.getString("ap_id"), r.getString("type"), r.getString("name")),
                name);
    }

    /** A local actor by its ActivityPub id. */
    public Uni<List<Actor>> byId(String apId) {
        return sql.list(
                "select ap_id, 'Person' as type, username as name from person where ap_id = $1 and host is null"
                        + " and deleted_at is null"
                        + " union all select ap_id, 'Group', name from community where ap_id = $1 and host is null and deleted_at is null",
                r -> new Actor(r.getString("ap_id"), r.getString("type"), r.getString("name")),
                apId);
    }
}
