package org.lyceum.activity;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lyceum.database.Sql;
import org.lyceum.instance.InstanceConfig;
import org.lyceum.observability.Telemetry;

/**
 * Records what happened, in the same transaction as the change itself, so a feed never shows
 * a change that was rolled back and federation, which publishes every new row, never misses one.
 */
@ApplicationScoped
public class ActivityLog {

    private final InstanceConfig instance;

    ActivityLog(InstanceConfig instance) {
        this.instance = instance;
    }

    public Uni<Void> record(Sql tx, Verb verb, UUID actorId, @Nullable UUID communityId, @Nullable UUID objectId) {
        return record(tx, verb, actorId, communityId, objectId, null, null);
    }

    /**
     * A follow of a person names the person followed; an undoing activity (UNLIKE, UNFOLLOW,
     * LEAVE, REJECT) names the id of the like or follow it undoes, which federation must repeat.
     */
    public Uni<Void> record(
            Sql tx,
            Verb verb,
            UUID actorId,
            @Nullable UUID communityId,
            @Nullable UUID objectId,
            @Nullable UUID targetPersonId,
            @Nullable String undoes) {
        UUID id = UUID.randomUUID();
        return tx.run(
                        "insert into activity (id, ap_id, verb, actor_id, community_id, object_id, target_person_id, undoes,"
                                + " trace_parent) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                        id,
                        instance.baseUrl() + "/activities/" + id,
                        verb.name(),
                        actorId,
                        communityId,
                        objectId,
                        targetPersonId,
                        undoes,
                        // The request's trace: deliveries of this activity link to it.
                        Telemetry.currentTraceparent())
                .replaceWithVoid();
    }

    /**
     * An activity received from another server, under its own id. Replays are recorded once; true
     * when this one was new.
     */
    public Uni<Boolean> received(
            Sql tx,
            Verb verb,
            String apId,
            @Nullable String host,
            UUID actorId,
            @Nullable UUID communityId,
            @Nullable UUID objectId,
            @Nullable String undoes) {
        return tx.run(
                        "insert into activity (id, ap_id, verb, actor_id, community_id, object_id, undoes, host)"
                                + " values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict (ap_id) do nothing",
                        UUID.randomUUID(),
                        apId,
                        verb.name(),
                        actorId,
                        communityId,
                        objectId,
                        undoes,
                        host)
                .map(n -> n > 0);
    }
}
