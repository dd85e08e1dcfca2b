package org.lyceum.federation.publish;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lyceum.database.Sql;
import org.lyceum.federation.protocol.ActivityDocument;
import org.lyceum.federation.protocol.Json;
import org.lyceum.federation.protocol.ObjectDocument;
import org.lyceum.instance.InstanceConfig;

/**
 * What each kind of activity row sends, and to whom:
 * <ul>
 * <li>in a community of this instance, the group announces the activity to its remote members
 *     and followers (FEP-1b12), a creation also as a bare {@code Announce} of the object for
 *     Mastodon; whoever did it, here or elsewhere;</li>
 * <li>by someone here in another server's community, the activity goes to that group's inbox
 *     (the group announces it onwards);</li>
 * <li>a join or follow of something elsewhere sends a Follow, leaving an Undo of it; a remote
 *     person's join or follow here is answered with Accept, or Reject.</li>
 * </ul>
 * Activities received from elsewhere about other servers' things send nothing.
 */
@ApplicationScoped
public class Outgoing {

    private final ContentDocuments content;
    private final ModerationDocuments moderation;
    private final String base;

    Outgoing(ContentDocuments content, ModerationDocuments moderation, InstanceConfig instance) {
        this.content = content;
        this.moderation = moderation;
        this.base = instance.baseUrl();
    }

    Uni<List<Publisher.Send>> of(Sql tx, Pending a) {
        if (a.received() && a.actorLocal()) {
            // Rows received from elsewhere never make this instance speak for its own people.
            return none();
        }
        return switch (a.verb()) {
            case CREATE, UPDATE -> a.objectId() == null ? none() : contentChange(tx, a);
            case DELETE ->
                a.objectId() == null
                        ? none()
                        : moderation
                                .removal(tx, a)
                                .chain(removal -> removal == null ? contentChange(tx, a) : moderated(tx, a, removal));
            case RESTORE, LOCK, UNLOCK ->
                moderation.of(tx, a).chain(doc -> doc == null ? none() : moderated(tx, a, doc));
            case PURGE -> purged(tx, a);
            case LIKE -> a.objectId() == null ? none() : like(tx, a);
            case UNLIKE -> a.objectId() == null || a.undoes() == null ? none() : unlike(tx, a);
            case JOIN -> join(tx, a);
            case LEAVE ->
                a.actorLocal() && a.hasCommunity() && !a.communityLocal() && a.undoes() != null
                        ? one(undo(a, follow(a.undoes(), a.actor(), a.community())), a.actor(), a.communityInbox())
                        : none();
            case REJECT ->
                !a.actorLocal() && a.hasCommunity() && a.communityLocal() && a.undoes() != null
                        ? one(
                                answer("Reject", a, a.community(), follow(a.undoes(), a.actor(), a.community())),
                                a.community(),
                                a.actorInbox())
                        : none();
            case BLOCK -> a.hasCommunity() ? block(tx, a) : PersonBlocks.block(tx, a);
            case UNBLOCK ->
                !a.hasCommunity()
                        ? PersonBlocks.unblock(a)
                        : a.communityLocal() && a.targetId() != null && !a.targetLocal() && a.undoes() != null
                                ? one(
                                        ActivityDocument.of(
                                                base + "/activities/" + a.id(),
                                                "Undo",
                                                a.actor(),
                                                ActivityDocument.of(
                                                                a.undoes(),
                                                                "Block",
                                                                a.actor(),
                                                                a.target(),
                                                                null,
                                                                null,
                                                                null,
                                                                null)
                                                        .with(a.community(), null, false)
                                                        .embedded(),
                                                null,
                                                null,
                                                null,
                                                a.published()),
                                        a.actor(),
                                        a.targetInbox())
                                : none();
            case FLAG -> flag(tx, a);
            case ADD, REMOVE -> featured(tx, a);
            case FOLLOW -> follow(tx, a);
            case UNFOLLOW -> unfollow(tx, a);
            default -> none();
        };
    }

    private Uni<List<Publisher.Send>> contentChange(Sql tx, Pending a) {
        return tx.one(
                        "select kind = 'COMMENT' and in_reply_to is null as first from content where id = $1",
                        r -> r.getBoolean("first"),
                        a.objectId())
                .chain(first -> content.byId(tx, a.objectId()).chain(found -> {
                    if (found == null || !a.hasCommunity()) {
                        return none();
                    }
                    // A thread's first comment is its Page's content: deleting it changes the Page, not removes it.
                    boolean delete = a.verb() == org.lyceum.activity.Verb.DELETE && !Boolean.TRUE.equals(first);
                    String type =
                            switch (a.verb()) {
                                case CREATE -> "Create";
                                case UPDATE -> "Update";
                                default -> delete ? "Delete" : "Update";
                            };
                    Object object = delete
                            ? Map.of("id", found.apId(), "type", "Tombstone", "formerType", found.formerType())
                            : found.document() == null ? null : found.document().embedded();
                    if (object == null) {
                        return none();
                    }
                    List<String> to = found.isPublic() ? List.of(Json.PUBLIC) : List.of(a.community());
                    // People elsewhere that the text mentions are addressed and get it in their inbox (a public
                    // community's text only: Found leaves them out otherwise).
                    List<ContentDocuments.Mentioned> mentioned = delete ? List.of() : found.remoteMentioned();
                    List<String> cc = new ArrayList<>();
                    cc.add(a.community());
                    mentioned.forEach(m -> cc.add(m.apId()));
                    ActivityDocument activity = ActivityDocument.of(
                            a.apId(), type, a.actor(), object, to, cc, a.community(), a.published());
                    List<String> mentionInboxes = a.actorLocal()
                            ? mentioned.stream()
                                    .map(m -> Objects.requireNonNull(m.inbox(), "a remote mention has an inbox"))
                                    .distinct()
                                    .toList()
                            : List.of();
                    if (a.communityLocal()) {
                        return announce(
                                        tx,
                                        a,
                                        activity,
                                        a.verb() == org.lyceum.activity.Verb.CREATE ? found.document() : null)
                                .map(sends -> withMentioned(sends, activity, a.actor(), mentionInboxes));
                    }
                    return a.actorLocal()
                            ? one(activity, a.actor(), a.communityInbox())
                                    .map(sends -> withMentioned(sends, activity, a.actor(), mentionInboxes))
                            : none();
                }));
    }

    /**
     * A moderator's removal, restore, lock or unlock in a community here: announced by the group to
     * its remote members and followers. In another server's community it applies here only (its
     * moderators are there).
     */
    private Uni<List<Publisher.Send>> moderated(Sql tx, Pending a, ActivityDocument activity) {
        return a.communityLocal() && a.hasCommunity() ? announce(tx, a, activity, null) : none();
    }

    /**
     * A purge: announced by the group of a community here; for an object of this instance in
     * another server's community, sent to that group as the deletion of an object of the admin's
     * own host (which Lemmy accepts from that host without a summary).
     */
    private Uni<List<Publisher.Send>> purged(Sql tx, Pending a) {
        ActivityDocument delete = moderation.purge(a);
        if (delete == null || !a.hasCommunity()) {
            return none();
        }
        if (a.communityLocal()) {
            return announce(tx, a, delete, null);
        }
        return a.actorLocal() && a.undoes().startsWith(base + "/")
                ? one(delete, a.actor(), a.communityInbox())
                : none();
    }

    /** The sends plus the activity itself to the inboxes of people it mentions. */
    private static List<Publisher.Send> withMentioned(
            List<Publisher.Send> sends, ActivityDocument activity, String actor, List<String> inboxes) {
        if (inboxes.isEmpty()) {
            return sends;
        }
        List<Publisher.Send> all = new ArrayList<>(sends);
        all.add(new Publisher.Send(activity, actor, inboxes));
        return all;
    }

    /** A ban in a community here of someone elsewhere: the group's Block, to them and announced to the members. */
    private Uni<List<Publisher.Send>> block(Sql tx, Pending a) {
        if (!a.communityLocal() || a.targetId() == null || a.targetLocal()) {
            return none();
        }
        return tx.one(
                        "select ap_id, reason from community_ban where community_id = $1 and person_id = $2",
                        r -> new String[] {r.getString("ap_id"), r.getString("reason")},
                        a.communityId(),
                        a.targetId())
                .chain(ban -> {
                    if (ban == null || ban[0] == null) {
                        return none();
                    }
                    // As Lemmy sends a ban: by the moderator, with the community as target; the group announces it.
                    ActivityDocument block = ActivityDocument.of(
                                    ban[0], "Block", a.actor(), a.target(), null, null, a.community(), a.published())
                            .with(a.community(), ban[1], false);
                    return announce(tx, a, block, null).map(announces -> {
                        List<Publisher.Send> all = new ArrayList<>(announces);
                        if (a.targetInbox() != null) {
                            all.add(new Publisher.Send(block, a.actor(), List.of(a.targetInbox())));
                        }
                        return all;
                    });
                });
    }

    /**
     * Featuring in a community here, as Lemmy pins a post: the moderator's Add (or Remove) of the
     * object to the group's featured collection ({@code target}), announced by the group to its
     * remote members and followers.
     */
    private Uni<List<Publisher.Send>> featured(Sql tx, Pending a) {
        if (a.received() || !a.actorLocal() || !a.communityLocal() || a.objectId() == null) {
            return none();
        }
        return objectApId(tx, a.objectId()).chain(object -> {
            if (object == null) {
                return none();
            }
            List<String> to = a.communityPublic() ? List.of(Json.PUBLIC) : List.of(a.community());
            ActivityDocument change = ActivityDocument.of(
                            a.apId(),
                            a.verb() == org.lyceum.activity.Verb.ADD ? "Add" : "Remove",
                            a.actor(),
                            object,
                            to,
                            List.of(a.community()),
                            a.community(),
                            a.published())
                    .with(a.community() + "/featured", null, false);
            return announce(tx, a, change, null);
        });
    }

    /**
     * A report of something another server hosts, sent there by the instance actor (reporters
     * stay anonymous, as Mastodon does): to the community's group when the community is
     * elsewhere, else to the reported person's server.
     */
    private Uni<List<Publisher.Send>> flag(Sql tx, Pending a) {
        if (!a.actorLocal()) {
            return none();
        }
        String to = a.hasCommunity() && !a.communityLocal()
                ? a.communityInbox()
                : a.targetId() != null && !a.targetLocal() ? a.targetInbox() : null;
        if (to == null) {
            return none();
        }
        // The FLAG row names its report (in undoes).
        return tx.one(
                        "select r.ap_id, r.reason, c.ap_id object from report r left join content c on c.id = r.object_id"
                                + " where r.ap_id = $1",
                        r -> new String[] {r.getString("ap_id"), r.getString("reason"), r.getString("object")},
                        a.undoes())
                .map(report -> {
                    if (report == null) {
                        return List.of();
                    }
                    List<String> objects = new ArrayList<>();
                    if (a.target() != null) {
                        objects.add(a.target());
                    }
                    if (report[2] != null) {
                        objects.add(report[2]);
                    }
                    String actor = base + "/actor";
                    // To a group as Lemmy reads a report (addressed to it, one object); else as Mastodon does.
                    boolean toGroup = a.hasCommunity() && !a.communityLocal();
                    Object object = toGroup ? (report[2] != null ? report[2] : a.target()) : objects;
                    return List.of(new Publisher.Send(
                            ActivityDocument.of(
                                            report[0],
                                            "Flag",
                                            actor,
                                            object,
                                            toGroup ? List.of(a.community()) : null,
                                            null,
                                            null,
                                            a.published())
                                    .with(null, report[1], true),
                            actor,
                            List.of(to)));
                });
    }

    private Uni<List<Publisher.Send>> like(Sql tx, Pending a) {
        Uni<String> likeId = a.received()
                ? Uni.createFrom().item(a.apId())
                : tx.one(
                        "select ap_id from liking where person_id = $1 and object_id = $2",
                        r -> r.getString("ap_id"),
                        a.actorId(),
                        a.objectId());
        return likeId.chain(id -> id == null
                ? none()
                : objectApId(tx, a.objectId()).chain(object -> {
                    ActivityDocument like = ActivityDocument.of(
                            id, "Like", a.actor(), object, null, null, a.community(), a.published());
                    return a.communityLocal()
                            ? announce(tx, a, like, null)
                            : a.actorLocal() && a.hasCommunity() ? one(like, a.actor(), a.communityInbox()) : none();
                }));
    }

    private Uni<List<Publisher.Send>> unlike(Sql tx, Pending a) {
        return objectApId(tx, a.objectId()).chain(object -> {
            ActivityDocument like = ActivityDocument.of(a.undoes(), "Like", a.actor(), object, null, null, null, null)
                    .embedded();
            ActivityDocument undo =
                    ActivityDocument.of(a.apId(), "Undo", a.actor(), like, null, null, a.community(), a.published());
            return a.communityLocal()
                    ? announce(tx, a, undo, null)
                    : a.actorLocal() && a.hasCommunity() ? one(undo, a.actor(), a.communityInbox()) : none();
        });
    }

    private Uni<List<Publisher.Send>> join(Sql tx, Pending a) {
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

    private Uni<List<Publisher.Send>> follow(Sql tx, Pending a) {
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

    private Uni<List<Publisher.Send>> unfollow(Sql tx, Pending a) {
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

    /** The group's Announce of an activity to the community's remote members and followers. */
    private Uni<List<Publisher.Send>> announce(
            Sql tx, Pending a, ActivityDocument activity, @Nullable ObjectDocument created) {
        return tx.list(
                        "select distinct coalesce(p.shared_inbox, p.inbox) inbox from person p where p.host is not null"
                                + " and coalesce(p.shared_inbox, p.inbox) is not null and (p.id in (select person_id from membership"
                                + " where community_id = $1 and state = 'JOINED') or p.id in (select follower_id from follow where community_id = $1))",
                        r -> r.getString("inbox"),
                        a.communityId())
                .map(inboxes -> {
                    if (inboxes.isEmpty()) {
                        return List.of();
                    }
                    // A private community's announces are addressed to its members only, never to Public.
                    List<String> to =
                            a.communityPublic() ? List.of(Json.PUBLIC) : List.of(a.community() + "/followers");
                    List<String> cc = a.communityPublic() ? List.of(a.community() + "/followers") : List.of();
                    List<Publisher.Send> sends = new ArrayList<>();
                    sends.add(new Publisher.Send(
                            ActivityDocument.of(
                                    base + "/activities/" + a.id() + "/announce",
                                    "Announce",
                                    a.community(),
                                    activity.embedded(),
                                    to,
                                    cc,
                                    a.community(),
                                    a.published()),
                            a.community(),
                            inboxes));
                    if (created != null && a.communityPublic()) {
                        sends.add(new Publisher.Send(
                                ActivityDocument.of(
                                        base + "/activities/" + a.id() + "/announce-object",
                                        "Announce",
                                        a.community(),
                                        created.id(),
                                        to,
                                        cc,
                                        a.community(),
                                        a.published()),
                                a.community(),
                                inboxes));
                    }
                    return sends;
                });
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

    private static Uni<String> objectApId(Sql tx, UUID id) {
        return tx.one(
                "select case when c.kind = 'COMMENT' and c.in_reply_to is null then t.ap_id else c.ap_id end ap_id"
                        + " from content c left join content t on t.id = c.thread_id where c.id = $1",
                r -> r.getString("ap_id"),
                id);
    }

    private static Uni<List<Publisher.Send>> one(ActivityDocument activity, String signer, String inbox) {
        return Uni.createFrom()
                .item(inbox == null ? List.of() : List.of(new Publisher.Send(activity, signer, List.of(inbox))));
    }

    private static Uni<List<Publisher.Send>> none() {
        return Uni.createFrom().item(List.of());
    }
}
