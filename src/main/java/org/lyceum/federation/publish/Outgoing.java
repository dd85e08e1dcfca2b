package org.lyceum.federation.publish;

import static org.lyceum.federation.publish.Sends.none;
import static org.lyceum.federation.publish.Sends.objectApId;
import static org.lyceum.federation.publish.Sends.one;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.lyceum.database.Sql;
import org.lyceum.federation.protocol.ActivityDocument;
import org.lyceum.federation.protocol.Json;
import org.lyceum.instance.InstanceConfig;

/**
 * What each kind of activity row sends, and to whom:
 * <ul>
 * <li>in a community of this instance, the group announces the activity to its remote members
 *     and followers (FEP-1b12), a creation also as a bare {@code Announce} of the object for
 *     Mastodon; whoever did it, here or elsewhere;</li>
 * <li>by someone here in another server's community, the activity goes to that group's inbox
 *     (the group announces it onwards);</li>
 * <li>joins and follows: {@link Follows}.</li>
 * </ul>
 * Activities received from elsewhere about other servers' things send nothing.
 */
@ApplicationScoped
public class Outgoing {

    private final ContentDocuments content;
    private final ModerationDocuments moderation;
    private final Follows follows;
    private final CommunityBans bans;
    private final Announces announces;
    private final String base;

    Outgoing(
            ContentDocuments content,
            ModerationDocuments moderation,
            Follows follows,
            CommunityBans bans,
            Announces announces,
            InstanceConfig instance) {
        this.content = content;
        this.moderation = moderation;
        this.follows = follows;
        this.bans = bans;
        this.announces = announces;
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
            case JOIN -> follows.join(tx, a);
            case LEAVE -> follows.leave(a);
            case REJECT -> follows.reject(a);
            case BLOCK -> a.hasCommunity() ? bans.ban(tx, a) : PersonBlocks.block(tx, a);
            case UNBLOCK -> a.hasCommunity() ? bans.unban(a) : PersonBlocks.unblock(a);
            case FLAG -> flag(tx, a);
            case ADD, REMOVE -> featured(tx, a);
            case FOLLOW -> follows.follow(tx, a);
            case UNFOLLOW -> follows.unfollow(tx, a);
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
                        return announces
                                .of(
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
        return a.communityLocal() && a.hasCommunity() ? announces.of(tx, a, activity, null) : none();
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
            return announces.of(tx, a, delete, null);
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
            return announces.of(tx, a, change, null);
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
                            ? announces.of(tx, a, like, null)
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
                    ? announces.of(tx, a, undo, null)
                    : a.actorLocal() && a.hasCommunity() ? one(undo, a.actor(), a.communityInbox()) : none();
        });
    }
}
