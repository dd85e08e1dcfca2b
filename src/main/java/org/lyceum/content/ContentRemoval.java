package org.lyceum.content;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lyceum.account.Viewer;
import org.lyceum.common.DomainException;
import org.lyceum.community.Standing;
import org.lyceum.community.Standings;
import org.lyceum.database.Sql;

/**
 * The content rows of moderators' removals and locks (the decisions, the log and federation are
 * moderation's). A removal also sets {@code deleted_at}, so that everything which hides deleted
 * content hides removed content with the same predicate; {@code removed_at} tells it apart, and a
 * restore clears both. A removed comment keeps its text for the restore.
 */
@ApplicationScoped
public class ContentRemoval {

    /** A content row as a moderator's action needs it. {@code gone}: it or its collection or thread is deleted. */
    public record Moderated(
            UUID id,
            String kind,
            UUID communityId,
            UUID authorId,
            @Nullable String title,
            String apId,
            boolean removed,
            boolean deleted,
            boolean parentGone,
            boolean locked,
            boolean firstComment,
            Standing standing) {

        public String type() {
            return switch (kind) {
                case "COLLECTION" -> CollectionView.TYPE;
                case "RESOURCE" -> ResourceView.TYPE;
                case "THREAD" -> ThreadView.TYPE;
                default -> CommentView.TYPE;
            };
        }

        /** Hidden from reads: removed or deleted, itself or its collection or thread. */
        public boolean gone() {
            return deleted || parentGone;
        }
    }

    /** The row (locked for the change) and the caller's standing in its community; NOT_FOUND when missing. */
    public Uni<Moderated> load(Sql tx, Viewer viewer, UUID id) {
        return tx.one(
                        "select c.id, c.kind, c.community_id, c.author_id, c.ap_id,"
                                + " coalesce(c.title, left(c.body, 200)) title, c.removed_at is not null removed,"
                                + " c.deleted_at is not null deleted, coalesce(col.deleted_at, p.deleted_at) is not null parent_gone,"
                                + " c.locked_at is not null locked, c.kind = 'COMMENT' and c.in_reply_to is null first_comment, "
                                + Standings.COLUMNS + " from content c join community m on m.id = c.community_id"
                                + " left join content col on col.id = c.collection_id left join content p on p.id = c.thread_id"
                                + " where c.id = $2 for update of c",
                        r -> new Moderated(
                                r.getUUID("id"),
                                r.getString("kind"),
                                r.getUUID("community_id"),
                                r.getUUID("author_id"),
                                r.getString("title"),
                                r.getString("ap_id"),
                                r.getBoolean("removed"),
                                r.getBoolean("deleted"),
                                r.getBoolean("parent_gone"),
                                r.getBoolean("locked"),
                                r.getBoolean("first_comment"),
                                Standings.fromPrefixed(r)),
                        viewer.personId(),
                        id)
                .onItem()
                .ifNull()
                .failWith(() -> DomainException.notFound("object"));
    }

    /** Removes live content; true when it was live. A resource leaves its collection's order. */
    public Uni<Boolean> remove(Sql tx, UUID id, @Nullable String reason, @Nullable UUID by) {
        return tx.run(
                        "update content set position = position - 1 where kind = 'RESOURCE' and deleted_at is null"
                                + " and collection_id = (select collection_id from content where id = $1 and kind = 'RESOURCE'"
                                + " and deleted_at is null) and position > (select position from content where id = $1)",
                        id)
                .chain(() -> tx.run(
                        "update content set deleted_at = now(), removed_at = now(), removed_reason = $2, removed_by = $3"
                                + " where id = $1 and deleted_at is null",
                        id,
                        reason,
                        by))
                .map(n -> n > 0);
    }

    /**
     * Undoes a removal; true when it was removed. A resource goes back at the end of its
     * collection; a collection's resources and a thread's comments are indexed for search again
     * (the search trigger runs on any update of their rows).
     */
    public Uni<Boolean> restore(Sql tx, UUID id) {
        return tx.run(
                        "update content c set deleted_at = null, removed_at = null, removed_reason = null, removed_by = null,"
                                + " position = case when c.kind = 'RESOURCE' then (select coalesce(max(r.position) + 1, 0)"
                                + " from content r where r.collection_id = c.collection_id and r.kind = 'RESOURCE'"
                                + " and r.deleted_at is null) else c.position end where c.id = $1 and c.removed_at is not null",
                        id)
                .chain(n -> n == 0
                        ? Uni.createFrom().item(false)
                        : tx.run(
                                        "update content set updated_at = updated_at where collection_id = $1 or thread_id = $1",
                                        id)
                                .replaceWith(true));
    }

    /** An author's deletion of removed content: no longer restorable, and a comment loses its text. */
    public Uni<Integer> deletedByAuthor(Sql tx, UUID id) {
        return tx.run(
                "update content set removed_at = null, removed_reason = null, removed_by = null,"
                        + " body = case when kind = 'COMMENT' then null else body end,"
                        + " body_html = case when kind = 'COMMENT' then null else body_html end"
                        + " where id = $1 and removed_at is not null",
                id);
    }

    /** Locks or unlocks a thread; true when that changed it. */
    public Uni<Boolean> lock(Sql tx, UUID threadId, boolean locked) {
        return tx.run(
                        "update content set locked_at = case when $2 then now() end"
                                + " where id = $1 and kind = 'THREAD' and (locked_at is null) = $2",
                        threadId,
                        locked)
                .map(n -> n > 0);
    }
}
