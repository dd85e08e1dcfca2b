package org.lyceum.federation.publish;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lyceum.activity.Verb;
import org.lyceum.database.Sql;
import org.lyceum.federation.protocol.ActivityDocument;
import org.lyceum.federation.protocol.Json;

/**
 * Moderators' actions as Lemmy sends them: a removal is the moderator's {@code Delete} of the
 * object with the reason as {@code summary}, a restore its {@code Undo}; a lock is {@code Lock}
 * of the thread, an unlock its {@code Undo}; a purge is a {@code Delete} of an object whose row is
 * gone. {@link Outgoing} decides where they go (the group announces them).
 */
@ApplicationScoped
class ModerationDocuments {

    /** Summary of a purge's Delete: Lemmy takes a Delete with a summary as a moderator's removal. */
    static final String PURGED = "Purged by an instance admin";

    /** The removal a DELETE row is, or null when it is its author's deletion (or received). */
    Uni<@Nullable ActivityDocument> removal(Sql tx, Pending a) {
        if (a.received() || a.objectId() == null) {
            return Uni.createFrom().nullItem();
        }
        return tx.one(
                        "select author_id, ap_id, removed_reason from content where id = $1",
                        r -> new Object[] {r.getUUID("author_id"), r.getString("ap_id"), r.getString("removed_reason")},
                        a.objectId())
                .map(row -> row == null || a.actorId().equals(row[0])
                        ? null
                        : delete(a, a.apId(), (String) row[1]).with(null, (String) row[2], false));
    }

    /** RESTORE, LOCK, UNLOCK: null when nothing can be said (the object or the undone activity unknown). */
    Uni<@Nullable ActivityDocument> of(Sql tx, Pending a) {
        if (a.received() || a.objectId() == null) {
            return Uni.createFrom().nullItem();
        }
        return objectApId(tx, a.objectId()).map(object -> {
            if (object == null) {
                return null;
            }
            if (a.verb() == Verb.LOCK) {
                return addressed(a, a.apId(), "Lock", object);
            }
            if (a.undoes() == null) {
                return null;
            }
            ActivityDocument undone =
                    a.verb() == Verb.RESTORE ? delete(a, a.undoes(), object) : addressed(a, a.undoes(), "Lock", object);
            return addressed(a, a.apId(), "Undo", undone.embedded());
        });
    }

    /** PURGE: a Delete of the object its row named (undoes), with a summary when the group announces it. */
    @Nullable
    ActivityDocument purge(Pending a) {
        if (a.received() || a.undoes() == null) {
            return null;
        }
        ActivityDocument delete = delete(a, a.apId(), a.undoes());
        return a.communityLocal() ? delete.with(null, PURGED, false) : delete;
    }

    private static ActivityDocument delete(Pending a, String id, String object) {
        return addressed(a, id, "Delete", object);
    }

    private static ActivityDocument addressed(Pending a, String id, String type, Object object) {
        List<String> to = a.communityPublic() ? List.of(Json.PUBLIC) : List.of(a.community());
        return ActivityDocument.of(
                id, type, a.actor(), object, to, List.of(a.community()), a.community(), a.published());
    }

    private static Uni<@Nullable String> objectApId(Sql tx, UUID id) {
        return tx.one("select ap_id from content where id = $1", r -> r.getString("ap_id"), id);
    }
}
