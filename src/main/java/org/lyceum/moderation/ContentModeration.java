package org.lyceum.moderation;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lyceum.account.AccountService;
import org.lyceum.activity.ActivityLog;
import org.lyceum.activity.Verb;
import org.lyceum.common.Check;
import org.lyceum.common.DomainException;
import org.lyceum.common.GlobalId;
import org.lyceum.community.Permissions;
import org.lyceum.content.CollectionView;
import org.lyceum.content.CommentView;
import org.lyceum.content.Content;
import org.lyceum.content.ContentPurge;
import org.lyceum.content.ContentQueries;
import org.lyceum.content.ContentRemoval;
import org.lyceum.content.ResourceView;
import org.lyceum.content.ThreadView;
import org.lyceum.database.Sql;
import org.lyceum.notification.Notice;
import org.lyceum.notification.NotificationKind;
import org.lyceum.notification.Notifications;

/**
 * Moderators' removal, restore and locking of content, and admins' purge: each checked, done,
 * logged in the moderation log and recorded as an activity (which federation publishes) in one
 * transaction. docs/moderation.md describes the rules.
 */
@ApplicationScoped
public class ContentModeration {

    private final Sql sql;
    private final AccountService accounts;
    private final ContentRemoval rows;
    private final ContentPurge purges;
    private final ContentQueries content;
    private final Modlog modlog;
    private final ActivityLog activities;
    private final Notifications notifications;
    private final ModerationConfig config;

    ContentModeration(
            Sql sql,
            AccountService accounts,
            ContentRemoval rows,
            ContentPurge purges,
            ContentQueries content,
            Modlog modlog,
            ActivityLog activities,
            Notifications notifications,
            ModerationConfig config) {
        this.config = config;
        this.sql = sql;
        this.accounts = accounts;
        this.rows = rows;
        this.purges = purges;
        this.content = content;
        this.modlog = modlog;
        this.activities = activities;
        this.notifications = notifications;
    }

    private static UUID contentId(String id) {
        return GlobalId.decode("id", id, CollectionView.TYPE, ResourceView.TYPE, ThreadView.TYPE, CommentView.TYPE)
                .uuid();
    }

    /** Hides live content from everyone; its author is told why. NOT_FOUND when it is already gone. */
    public Uni<Boolean> remove(ContentModerationInputs.Remove in) {
        UUID id = contentId(in.id());
        String reason = Check.required("reason", in.reason(), Check.REASON_MAX);
        return accounts.requireViewer()
                .chain(v -> sql.transaction(tx -> rows.load(tx, v, id)
                        .chain(t -> {
                            Permissions.removeContent(v, t.standing());
                            if (t.gone()) {
                                throw DomainException.notFound("object");
                            }
                            if (t.firstComment()) {
                                throw DomainException.invalid(
                                        "id", "a thread's first comment is its text: remove the thread");
                            }
                            UUID by = v.requirePersonId();
                            return rows.remove(tx, id, reason, by)
                                    .chain(() -> modlog.record(
                                            tx,
                                            ModlogEntry.onContent(
                                                    ModAction.REMOVE,
                                                    by,
                                                    id,
                                                    t.title(),
                                                    t.authorId(),
                                                    t.communityId(),
                                                    reason)))
                                    .chain(() -> notifications.toAuthor(
                                            tx,
                                            Notice.aboutContent(
                                                            NotificationKind.CONTENT_REMOVED,
                                                            // Named to the author as the modlog names them.
                                                            config.showModeratorNames() ? by : null,
                                                            id,
                                                            t.communityId(),
                                                            reason)
                                                    // Removed again after a restore: told again.
                                                    .causedBy(UUID.randomUUID().toString()),
                                            t.authorId()))
                                    // As Lemmy federates a removal: the moderator's Delete (with the reason).
                                    .chain(() -> activities.record(tx, Verb.DELETE, by, t.communityId(), id));
                        })
                        .replaceWith(Boolean.TRUE)));
    }

    /** Undoes a removal and answers the content as it is again; CONFLICT when it is not removed. */
    public Uni<Content> restore(ContentModerationInputs.Restore in) {
        UUID id = contentId(in.id());
        String reason = Check.optional("reason", in.reason(), Check.REASON_MAX);
        return accounts.requireViewer()
                .chain(v -> sql.transaction(tx -> rows.load(tx, v, id).chain(t -> {
                            Permissions.removeContent(v, t.standing());
                            if (t.parentGone() || (t.deleted() && !t.removed())) {
                                throw DomainException.notFound("object");
                            }
                            if (!t.removed()) {
                                throw DomainException.conflict("id", "it is not removed");
                            }
                            UUID by = v.requirePersonId();
                            return rows.restore(tx, id)
                                    .chain(() -> modlog.record(
                                            tx,
                                            ModlogEntry.onContent(
                                                    ModAction.RESTORE,
                                                    by,
                                                    id,
                                                    t.title(),
                                                    t.authorId(),
                                                    t.communityId(),
                                                    reason)))
                                    .chain(() -> lastActivity(tx, id, Verb.DELETE))
                                    .chain(removal -> activities.record(
                                            tx, Verb.RESTORE, by, t.communityId(), id, null, removal));
                        }))
                        .chain(() -> content.byIdAuthorized(v, id)))
                .onItem()
                .ifNull()
                .failWith(() -> DomainException.notFound("object"));
    }

    /** Deletes for good, with everything under it; instance admins only. */
    public Uni<Boolean> purge(ContentModerationInputs.Purge in) {
        UUID id = contentId(in.id());
        String reason = Check.required("reason", in.reason(), Check.REASON_MAX);
        return accounts.requireViewer().chain(v -> {
            Permissions.purge(v);
            UUID by = v.requirePersonId();
            return sql.transaction(tx -> rows.load(tx, v, id).chain(t -> modlog.record(
                                    tx,
                                    ModlogEntry.onContent(
                                            ModAction.PURGE, by, id, t.title(), t.authorId(), t.communityId(), reason))
                            // The row goes: the activity names the object by its ActivityPub id.
                            .chain(() -> activities.record(tx, Verb.PURGE, by, t.communityId(), null, null, t.apId()))
                            .chain(() -> purges.purge(tx, id))))
                    .replaceWith(Boolean.TRUE);
        });
    }

    /** Locks or unlocks a thread; doing what is already so changes nothing and logs nothing. */
    public Uni<ThreadView> lock(ContentModerationInputs.Lock in, boolean locked) {
        UUID id = GlobalId.uuid("id", in.id(), ThreadView.TYPE);
        String reason = Check.optional("reason", in.reason(), Check.REASON_MAX);
        return accounts.requireViewer()
                .chain(v -> sql.transaction(tx -> rows.load(tx, v, id).chain(t -> {
                            Permissions.removeContent(v, t.standing());
                            if (t.gone() || !t.kind().equals("THREAD")) {
                                throw DomainException.notFound("thread");
                            }
                            UUID by = v.requirePersonId();
                            return rows.lock(tx, id, locked)
                                    .chain(changed -> !changed
                                            ? Uni.createFrom().voidItem()
                                            : modlog.record(
                                                            tx,
                                                            ModlogEntry.onContent(
                                                                    locked ? ModAction.LOCK : ModAction.UNLOCK,
                                                                    by,
                                                                    id,
                                                                    t.title(),
                                                                    t.authorId(),
                                                                    t.communityId(),
                                                                    reason))
                                                    .chain(() -> locked
                                                            ? Uni.createFrom().item((String) null)
                                                            : lastActivity(tx, id, Verb.LOCK))
                                                    .chain(lock -> activities.record(
                                                            tx,
                                                            locked ? Verb.LOCK : Verb.UNLOCK,
                                                            by,
                                                            t.communityId(),
                                                            id,
                                                            null,
                                                            lock)));
                        }))
                        .chain(() -> content.byIdAuthorized(v, id).map(c -> c instanceof ThreadView t ? t : null)))
                .onItem()
                .ifNull()
                .failWith(() -> DomainException.notFound("thread"));
    }

    /** The ActivityPub id of the object's latest activity of this verb (what an Undo names). */
    private static Uni<@Nullable String> lastActivity(Sql tx, UUID objectId, Verb verb) {
        return tx.one(
                "select ap_id from activity where object_id = $1 and verb = $2 order by seq desc limit 1",
                r -> r.getString("ap_id"),
                objectId,
                verb.name());
    }
}
