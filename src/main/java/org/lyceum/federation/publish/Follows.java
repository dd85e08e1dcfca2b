package org.lyceum.federation.publish;

import static org.lyceum.federation.publish.Sends.none;
import static org.lyceum.federation.publish.Sends.objectApId;
import static org.lyceum.federation.publish.Sends.one;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lyceum.database.Sql;
import org.lyceum.federation.protocol.ActivityDocument;
import org.lyceum.instance.InstanceConfig;

/**
 * What joins, follows and their ends send, for {@link Outgoing}: someone here joining or following
 * something elsewhere sends a {@code Follow} and, when they leave, its {@code Undo}; a remote
 * person's join or follow here is answered with {@code Accept}, or {@code Reject}.
 */
@ApplicationScoped
class Follows {

    private final String base;

    Follows(InstanceConfig instance) {
        this.base = instance.baseUrl();
    }

    /** Leaving another server's community: the Undo of the join's Follow, to the group. */
    Uni<List<Publisher.Send>> leave(Pending a) {
        return a.actorLocal() && a.hasCommunity() && !a.communityLocal() && a.undoes() != null
                ? one(undo(a, follow(a.undoes(), a.actor(), a.community())), a.actor(), a.communityInbox())
                : none();
    }

    /** A remote person's join of a community here, refused: the group's Reject of their Follow. */
    Uni<List<Publisher.Send>> reject(Pending a) {
        return !a.actorLocal() && a.hasCommunity() && a.communityLocal() && a.undoes() != null
                ? one(
                        answer("Reject", a, a.community(), follow(a.undoes(), a.actor(), a.community())),
                        a.community(),
                        a.actorInbox())
                : none();
    }

    Uni<List<Publisher.Send>> join(Sql tx, Pending a) {
        if (!a.hasCommunity() || a.actorLocal() == a.communityLocal()) {
            return none();
        }
        return tx.one(
                        "select ap_id from membership where community_id = $1 and person_id = $2",
                        r -> r.getString("ap_id"),
                        a.communityId(),
                        a.actorId())
                .chain(followId -> {
                    if (followId == null) {
                        return none();
                    }
                    ActivityDocument follow = follow(followId, a.actor(), a.community());
                    return a.actorLocal()
                            ? one(
                                    ActivityDocument.of(
                                            followId,
                                            "Follow",
                                            a.actor(),
                                            a.community(),
                                            null,
                                            null,
                                            null,
                                            a.published()),
                                    a.actor(),
                                    a.communityInbox())
                            : one(answer("Accept", a, a.community(), follow), a.community(), a.actorInbox());
                });
    }

    Uni<List<Publisher.Send>> follow(Sql tx, Pending a) {
        return followed(tx, a).chain(target -> {
            if (target == null) {
                return none();
            }
            if (a.actorLocal() && !target.local()) {
                return tx.one(
                                "select ap_id from follow where follower_id = $1 and (person_id = $2 or community_id = $2 or collection_id = $2)",
                                r -> r.getString("ap_id"),
                                a.actorId(),
                                target.id())
                        .chain(followId -> followId == null
                                ? none()
                                : one(
                                        ActivityDocument.of(
                                                followId,
                                                "Follow",
                                                a.actor(),
                                                target.apId(),
                                                null,
                                                null,
                                                null,
                                                a.published()),
                                        a.actor(),
                                        target.remoteInbox()));
            }
            if (!a.actorLocal() && target.local()) {
                return one(
                        answer("Accept", a, target.apId(), follow(a.apId(), a.actor(), target.apId())),
                        target.apId(),
                        a.actorInbox());
            }
            return none();
        });
    }

    Uni<List<Publisher.Send>> unfollow(Sql tx, Pending a) {
        if (!a.actorLocal() || a.undoes() == null) {
            return none();
        }
        return followed(tx, a)
                .chain(target -> target == null || target.local()
                        ? none()
                        : one(undo(a, follow(a.undoes(), a.actor(), target.apId())), a.actor(), target.remoteInbox()));
    }

    /** What a follow is of: a person, a community, or (by its object) a collection. */
    private record Target(UUID id, String apId, boolean local, @Nullable String inbox) {

        /** A remote target's inbox: only a local one (a received follow's) is made without. */
        String remoteInbox() {
            return Objects.requireNonNull(inbox, "a remote follow target has an inbox");
        }
    }

    private Uni<Target> followed(Sql tx, Pending a) {
        if (a.targetId() != null) {
            return Uni.createFrom().item(new Target(a.targetId(), a.target(), a.targetLocal(), a.targetInbox()));
        }
        if (a.received()) {
            // A remote Follow of someone here: the follow row names its target.
            return tx.one(
                    "select p.id, p.ap_id from follow f join person p on p.id = f.person_id where f.ap_id = $1",
                    r -> new Target(r.getUUID("id"), r.getString("ap_id"), true, null),
                    a.apId());
        }
        if (a.objectId() != null) {
            // A collection: its community takes the Follow.
            return objectApId(tx, a.objectId())
                    .map(apId -> new Target(a.objectId(), apId, a.communityLocal(), a.communityInbox()));
        }
        return a.hasCommunity()
                ? Uni.createFrom()
                        .item(new Target(a.communityId(), a.community(), a.communityLocal(), a.communityInbox()))
                : Uni.createFrom().nullItem();
    }

    private ActivityDocument answer(String type, Pending a, String by, ActivityDocument follow) {
        return ActivityDocument.of(
                base + "/activities/" + a.id() + "/" + type.toLowerCase(java.util.Locale.ROOT),
                type,
                by,
                follow.embedded(),
                null,
                null,
                null,
                a.published());
    }

    private static ActivityDocument follow(String id, String actor, String object) {
        return ActivityDocument.of(id, "Follow", actor, object, null, null, null, null);
    }

    private static ActivityDocument undo(Pending a, ActivityDocument undone) {
        return ActivityDocument.of(a.apId(), "Undo", a.actor(), undone.embedded(), null, null, null, a.published());
    }
}
