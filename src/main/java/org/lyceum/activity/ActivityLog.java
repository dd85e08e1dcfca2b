package org.lyceum.activity;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.lyceum.database.Sql;
import org.lyceum.instance.InstanceConfig;

/**
 * Records what happened, in the same transaction as the change itself, so a feed never shows
 * a change that was rolled back and federation (which will read this table) never misses one.
 */
@ApplicationScoped
public class ActivityLog {

    private final InstanceConfig instance;

    ActivityLog(InstanceConfig instance) {
        this.instance = instance;
    }

    public Uni<Void> record(Sql tx, Verb verb, UUID actorId, UUID communityId, UUID objectId) {
        UUID id = UUID.randomUUID();
        return tx.run("insert into activity (id, ap_id, verb, actor_id, community_id, object_id) values ($1, $2, $3, $4, $5, $6)",
                id, instance.baseUrl() + "/activities/" + id, verb.name(), actorId, communityId, objectId).replaceWithVoid();
    }
}
