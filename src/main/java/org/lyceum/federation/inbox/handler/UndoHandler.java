package org.lyceum.federation.inbox.handler;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jspecify.annotations.Nullable;
import org.lyceum.activity.ActivityLog;
import org.lyceum.activity.Verb;
import org.lyceum.database.Sql;
import org.lyceum.federation.inbox.ActivityHandler;
import org.lyceum.federation.inbox.Ignored;
import org.lyceum.federation.inbox.Lookup;
import org.lyceum.federation.inbox.Received;
import org.lyceum.federation.protocol.Json;

/**
 * Undo of the actor's own Follow or Like (Origin made sure it is the actor's). The Follow or
 * Like is found by its id or, when the copy names it, by what it was of. Undoing what is
 * already gone changes nothing. An Undo of a moderator's Delete or Lock restores or unlocks
 * ({@link RemoteModeration}).
 */
@ApplicationScoped
public class UndoHandler implements ActivityHandler {

    private final Lookup lookup;
    private final ActivityLog activities;
    private final RemoteModeration moderation;

    UndoHandler(Lookup lookup, ActivityLog activities, RemoteModeration moderation) {
        this.lookup = lookup;
        this.activities = activities;
        this.moderation = moderation;
    }

    @Override
    public String type() {
        return "Undo";
    }

    @Override
    public Uni<Received> verify(Received r) {
        return Uni.createFrom().item(r);
    }

    @Override
    public Uni<Void> receive(Sql tx, Received r) {
        JsonNode inner = Json.embedded(r.json(), "object");
        String innerId = r.objectId();
        String innerType = inner == null ? null : Json.type(inner);
        String of = inner == null ? "" : String.valueOf(Json.id(inner.get("object")));
        if (inner != null && "Block".equals(innerType) && r.via() == null) {
            // A group, or a moderator on its server (target = the group), lifts a ban: by the Block's id, or by who was
            // banned.
            String target = Json.id(inner.get("target"));
            String group = target != null
                            && java.util.Objects.equals(org.lyceum.federation.inbox.Origin.hostOf(target), r.host())
                    ? target
                    : r.actor();
            return tx.run(
                            "delete from community_ban b where b.community_id = (select id from community where ap_id = $1)"
                                    + " and (b.ap_id = $2 or b.person_id = (select id from person where ap_id = $3))",
                            group,
                            innerId,
                            of)
                    .replaceWithVoid();
        }
        if (inner != null && ("Delete".equals(innerType) || "Lock".equals(innerType))) {
            // A moderator's removal or lock undone (Lemmy), perhaps announced by the group.
            String object = Json.id(inner.get("object"));
            return "Delete".equals(innerType)
                    ? moderation.restore(tx, r, object)
                    : moderation.lock(tx, r, object, false);
        }
        return lookup.requirePerson(tx, r.actor()).chain(person -> {
            if (r.via() != null) {
                // A group only relays undone likes; follows are between the person and the group.
                if (innerType != null && !innerType.equals("Like")) {
                    throw new Ignored("a group does not announce the undoing of a " + innerType);
                }
                return undoLike(tx, r, person, innerId, of);
            }
            if (innerType == null || innerType.equals("Follow")) {
                Uni<Integer> follows = tx.run(
                                "delete from membership m where m.person_id = $1 and m.role <> 'OWNER' and (m.ap_id = $2"
                                        + " or m.community_id = (select id from community where ap_id = $3))",
                                person,
                                innerId,
                                of)
                        .chain(n -> tx.run(
                                        "delete from follow f where f.follower_id = $1 and (f.ap_id = $2"
                                                + " or f.person_id = (select id from person where ap_id = $3)"
                                                + " or f.community_id = (select id from community where ap_id = $3))",
                                        person,
                                        innerId,
                                        of)
                                .map(m -> m + n));
                if (innerType != null) {
                    return follows.replaceWithVoid();
                }
                return follows.chain(n -> n > 0 ? Uni.createFrom().voidItem() : undoLike(tx, r, person, innerId, of));
            }
            if (innerType.equals("Like")) {
                return undoLike(tx, r, person, innerId, of);
            }
            throw new Ignored("cannot undo a " + innerType);
        });
    }

    private Uni<Void> undoLike(Sql tx, Received r, java.util.UUID person, @Nullable String likeId, String of) {
        // Through a group's Announce, only likes of the group's own community's content.
        return tx.one(
                        "delete from liking l where l.person_id = $1 and (l.ap_id = $2 or l.object_id = (select id from content"
                                + " where ap_id = $3)) and ($4::text is null or l.object_id in (select c.id from content c join community m"
                                + " on m.id = c.community_id where m.ap_id = $4))"
                                + " returning l.object_id, (select community_id from content where id = l.object_id) community_id",
                        row -> new java.util.UUID[] {row.getUUID("object_id"), row.getUUID("community_id")},
                        person,
                        likeId,
                        of,
                        r.via())
                .chain(gone -> gone == null
                        ? Uni.createFrom().voidItem()
                        : activities
                                .received(tx, Verb.UNLIKE, r.id(), r.host(), person, gone[1], gone[0], likeId)
                                .replaceWithVoid());
    }
}
