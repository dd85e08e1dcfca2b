package org.lyceum.content;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.lyceum.database.Sql;

/**
 * An admin's purge: the object and everything under it (a collection's resources, a thread's
 * comments, a comment's replies) are deleted for good. The rows that point at them go first, as the
 * foreign keys require: likes, bookmarks, follows of a collection, mentions, notifications about
 * them; reports and activities stay, without the object. Search entries leave through the search
 * trigger (the rows are marked deleted first); attached files, referenced by nothing now, are
 * released by media cleanup. The one place that writes other features' rows, because a purge
 * must leave nothing that names the object.
 */
@ApplicationScoped
public class ContentPurge {

    private static final String TREE = "with recursive gone(id) as (select $1::uuid union select c.id from content c"
            + " join gone g on c.collection_id = g.id or c.thread_id = g.id or c.in_reply_to = g.id) ";

    /** Purges the object and what is under it; the number of content rows deleted. */
    public Uni<Integer> purge(Sql tx, UUID id) {
        return tx.list(TREE + "select id from gone", r -> r.getUUID("id"), id).chain(list -> {
            Object ids = list.toArray(UUID[]::new);
            List<String> statements = List.of(
                    "update content set deleted_at = coalesce(deleted_at, now()) where id = any($1)",
                    "update content set about_id = null where about_id = any($1) and not (id = any($1))",
                    "delete from liking where object_id = any($1)",
                    "delete from bookmark where object_id = any($1)",
                    "delete from follow where collection_id = any($1)",
                    "delete from mention where content_id = any($1)",
                    "delete from notification where object_type = 'CONTENT' and object_id = any($1)",
                    "delete from report where object_id = any($1) and person_id is null",
                    "update report set object_id = null where object_id = any($1)",
                    "update activity set object_id = null where object_id = any($1)",
                    "delete from content where id = any($1)");
            // A live resource leaves its collection's order first, as a deletion does.
            Uni<Integer> chain = tx.run(
                    "update content set position = position - 1 where kind = 'RESOURCE' and deleted_at is null"
                            + " and collection_id = (select collection_id from content where id = $1 and kind = 'RESOURCE'"
                            + " and deleted_at is null) and position > (select position from content where id = $1)",
                    id);
            for (String statement : statements) {
                chain = chain.chain(n -> tx.run(statement, ids));
            }
            return chain;
        });
    }
}
