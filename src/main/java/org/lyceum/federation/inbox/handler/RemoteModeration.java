package org.lyceum.federation.inbox.handler;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lyceum.activity.ActivityLog;
import org.lyceum.activity.Verb;
import org.lyceum.content.ContentRemoval;
import org.lyceum.database.Sql;
import org.lyceum.federation.inbox.Ignored;
import org.lyceum.federation.inbox.Lookup;
import org.lyceum.federation.inbox.Received;
import org.lyceum.federation.protocol.Html;
import org.lyceum.federation.protocol.Json;
import org.lyceum.moderation.ModAction;
import org.lyceum.moderation.Modlog;
import org.lyceum.moderation.ModlogEntry;
import org.lyceum.notification.Notice;
import org.lyceum.notification.NotificationKind;
import org.lyceum.notification.Notifications;

/**
 * A remote group's moderators' removals, restores and locks (Lemmy's Delete with a summary,
 * Undo(Delete), Lock, Undo(Lock)), applied to another server's community here and written to the
 * moderation log under the activity's id, so a replay logs once. Taken from the group itself or
 * from what the group announces (FEP-1b12): a moderator's action reaches followers in the group's
 * Announce, as Lemmy sends it. A removal made by this instance's staff is not undone from there.
 */
@ApplicationScoped
public class RemoteModeration {

    private static final int REASON_MAX = org.lyceum.common.Check.REASON_MAX;

    private final Lookup lookup;
    private final ContentRemoval rows;
    private final Modlog modlog;
    private final ActivityLog activities;
    private final Notifications notifications;

    RemoteModeration(
            Lookup lookup, ContentRemoval rows, Modlog modlog, ActivityLog activities, Notifications notifications) {
        this.lookup = lookup;
        this.rows = rows;
        this.modlog = modlog;
        this.activities = activities;
        this.notifications = notifications;
    }

    /** Ignored unless the actor speaks for the content's (remote) community. */
    static void authorize(Received r, Lookup.Content c) {
        if (r.via() != null && !c.communityApId().equals(r.via())) {
            throw new Ignored("a group announces moderation of its own community only");
        }
        // The group vouches for its moderators by announcing their actions (FEP-1b12, as Lemmy
        // sends them); someone else on the group's server speaking alone is not a moderator.
        boolean byGroup =
                c.communityApId().equals(r.actor()) || c.communityApId().equals(r.via());
        if (!byGroup || c.communityLocal()) {
            throw new Ignored(
                    "only the community's group, or a moderator's action it announces, moderates its content");
        }
    }

    /** A moderator's Delete of someone else's content: removed here, the author told, logged. */
    Uni<Void> remove(Sql tx, Received r, Lookup.Content c) {
        authorize(r, c);
        String reason = reason(Json.text(r.json(), "summary"));
        return actor(tx, r).chain(actor -> rows.remove(tx, c.id(), reason, actor)
                .chain(changed -> !changed
                        ? Uni.createFrom().voidItem()
                        : activities
                                .received(
                                        tx,
                                        Verb.DELETE,
                                        r.id(),
                                        r.host(),
                                        actor == null ? c.authorId() : actor,
                                        c.communityId(),
                                        c.id(),
                                        null)
                                .chain(() -> log(tx, r, ModAction.REMOVE, actor, c, reason))
                                .chain(() -> notifications.toAuthor(
                                        tx,
                                        Notice.aboutContent(
                                                        NotificationKind.CONTENT_REMOVED,
                                                        c.authorId().equals(actor) ? null : actor,
                                                        c.id(),
                                                        c.communityId(),
                                                        reason)
                                                .causedBy(r.id()),
                                        c.authorId()))
                                .replaceWithVoid()));
    }

    /** An Undo of a moderator's Delete: the removal is undone here and logged. */
    Uni<Void> restore(Sql tx, Received r, @Nullable String objectApId) {
        return content(tx, objectApId).chain(c -> {
            authorize(r, c);
            if (!c.removed()) {
                // An author's undeletion, or a removal already undone: nothing to restore.
                return Uni.createFrom().voidItem();
            }
            String reason = reason(Json.text(r.json(), "summary"));
            return tx.one(
                            "select p.host is null and p.id is not null here from content c"
                                    + " left join person p on p.id = c.removed_by where c.id = $1",
                            row -> Boolean.TRUE.equals(row.getBoolean("here")),
                            c.id())
                    .invoke(here -> {
                        if (here) {
                            throw new Ignored("a removal made by this instance's staff is undone here only");
                        }
                    })
                    .chain(() -> actor(tx, r))
                    .chain(actor -> rows.restore(tx, c.id())
                            .chain(changed -> !changed
                                    ? Uni.createFrom().voidItem()
                                    : log(tx, r, ModAction.RESTORE, actor, c, reason)));
        });
    }

    /** A Lock or an Undo of one: the thread takes replies, or not, here too; logged. */
    Uni<Void> lock(Sql tx, Received r, @Nullable String objectApId, boolean locked) {
        return content(tx, objectApId).chain(c -> {
            authorize(r, c);
            if (!c.kind().equals("THREAD") || c.deleted()) {
                throw new Ignored("locks only a thread that is here");
            }
            String reason = reason(Json.text(r.json(), "summary"));
            return actor(tx, r).chain(actor -> rows.lock(tx, c.id(), locked)
                    .chain(changed -> !changed
                            ? Uni.createFrom().voidItem()
                            : log(tx, r, locked ? ModAction.LOCK : ModAction.UNLOCK, actor, c, reason)));
        });
    }

    private Uni<Lookup.Content> content(Sql tx, @Nullable String apId) {
        return lookup.content(tx, apId).onItem().ifNull().failWith(() -> new Ignored("names nothing here"));
    }

    /** The moderator, when the actor is a person known here (a group acting as itself is not). */
    private Uni<@Nullable UUID> actor(Sql tx, Received r) {
        return lookup.person(tx, r.actor());
    }

    private Uni<Void> log(
            Sql tx, Received r, ModAction action, @Nullable UUID actor, Lookup.Content c, @Nullable String reason) {
        return modlog.record(
                        tx,
                        ModlogEntry.onContent(action, actor, c.id(), c.title(), c.authorId(), c.communityId(), reason)
                                .received(r.id()))
                .replaceWithVoid();
    }

    private static @Nullable String reason(@Nullable String summary) {
        String text = Html.toText(summary);
        return text == null || text.length() <= REASON_MAX ? text : text.substring(0, REASON_MAX);
    }
}
