package org.lyceum.content;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lyceum.account.Viewer;
import org.lyceum.activity.ActivityLog;
import org.lyceum.activity.Verb;
import org.lyceum.common.DomainException;
import org.lyceum.common.Time;
import org.lyceum.community.Permissions;
import org.lyceum.database.Sql;
import org.lyceum.notification.Notice;
import org.lyceum.notification.NotificationKind;
import org.lyceum.notification.Notifications;

/**
 * Deleting content is soft: the row stays so that federation can send a Tombstone and replies keep
 * their place. A deleted comment loses its text; a deleted collection hides its resources.
 */
@ApplicationScoped
public class ContentDeletion {

    private final Sql sql;
    private final ContentQueries content;
    private final ActivityLog activities;
    private final Notifications notifications;

    ContentDeletion(Sql sql, ContentQueries content, ActivityLog activities, Notifications notifications) {
        this.sql = sql;
        this.content = content;
        this.activities = activities;
        this.notifications = notifications;
    }

    /**
     * Deletes the object if the id's type matches its kind; NOT_FOUND when it is gone or invisible.
     * Someone else's content is removed: its author is told, with the reason if one was given.
     */
    public Uni<Void> delete(Viewer viewer, String type, UUID id, @Nullable String reason) {
        return sql.transaction(tx -> content.target(tx, viewer, id).chain(t -> {
            if (t.deleted() || !t.type().equals(type)) {
                throw DomainException.notFound("object");
            }
            Permissions.delete(viewer, t.standing(), t.authorId());
            Uni<Integer> close = t.kind().equals("RESOURCE")
                    ? tx.run(
                            "update content set position = position - 1 where collection_id = $1 and kind = 'RESOURCE'"
                                    + " and deleted_at is null and position > (select position from content where id = $2)",
                            t.collectionId(),
                            id)
                    : Uni.createFrom().item(0);
            return close.chain(() -> tx.run(
                            "update content set deleted_at = $2, body = case when kind = 'COMMENT' then null"
                                    + " else body end, body_html = case when kind = 'COMMENT' then null else body_html end"
                                    + " where id = $1",
                            id,
                            Time.now()))
                    .chain(() -> activities.record(tx, Verb.DELETE, viewer.requirePersonId(), t.communityId(), id))
                    .chain(() -> notifications.toAuthor(
                            tx,
                            Notice.aboutContent(
                                    NotificationKind.CONTENT_REMOVED, viewer.personId(), id, t.communityId(), reason),
                            t.authorId()))
                    .replaceWithVoid();
        }));
    }
}
