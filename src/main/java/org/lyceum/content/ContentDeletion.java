package org.lyceum.content;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.lyceum.account.Viewer;
import org.lyceum.activity.ActivityLog;
import org.lyceum.activity.Verb;
import org.lyceum.common.DomainException;
import org.lyceum.common.Time;
import org.lyceum.community.Permissions;
import org.lyceum.database.Sql;

/**
 * Deleting content is soft: the row stays so that federation can send a Tombstone and replies keep
 * their place. A deleted comment loses its text; a deleted collection hides its resources.
 */
@ApplicationScoped
public class ContentDeletion {

    private final Sql sql;
    private final ContentQueries content;
    private final ActivityLog activities;

    ContentDeletion(Sql sql, ContentQueries content, ActivityLog activities) {
        this.sql = sql;
        this.content = content;
        this.activities = activities;
    }

    /**
     * Everything one author wrote, deleted as an author deletes (a comment loses its text), in one
     * statement with $1 the author: for a deleted account, here or elsewhere. Content a moderator
     * removed is taken too, so it can no longer be restored and keeps no text.
     */
    public static final String BY_AUTHOR = "update content set deleted_at = coalesce(deleted_at, now()),"
            + " removed_at = null, removed_reason = null, removed_by = null,"
            + " body = case when kind = 'COMMENT' then null else body end,"
            + " body_html = case when kind = 'COMMENT' then null else body_html end"
            + " where author_id = $1 and (deleted_at is null or removed_at is not null)";

    /**
     * Deletes the object if the id's type matches its kind; NOT_FOUND when it is gone or invisible.
     * Only its author deletes it; moderators remove (moderation.ContentModeration).
     */
    public Uni<Void> delete(Viewer viewer, String type, UUID id) {
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
                    .chain(() -> activities.record(tx, Verb.DELETE, viewer.requirePersonId(), t.communityId(), id));
        }));
    }
}
