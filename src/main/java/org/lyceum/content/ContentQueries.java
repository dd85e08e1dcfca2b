package org.lyceum.content;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.lyceum.account.Viewer;
import org.lyceum.common.DomainException;
import org.lyceum.community.Standings;
import org.lyceum.database.Sql;

/** Single reads of collections, resources, threads and comments; lists are {@link ContentLoader}'s. */
@ApplicationScoped
public class ContentQueries {

    private static final String SELECT = "select " + ContentSql.COLUMNS;
    private static final String FROM = " from content c" + ContentSql.JOINS;

    private final Sql sql;

    ContentQueries(Sql sql) {
        this.sql = sql;
    }

    /** The object if it exists and the viewer may see it, else null. */
    public Uni<Content> byId(Viewer viewer, UUID id) {
        return sql.one(
                SELECT + FROM + " where c.id = $2 and" + ContentSql.VISIBLE, ContentSql::from, viewer.personId(), id);
    }

    /**
     * The object whether or not the viewer could read it (still null when deleted or removed), for
     * a caller a mutation has just authorized: instance staff restore and lock in a private
     * community they are not a member of.
     */
    public Uni<Content> byIdAuthorized(Viewer viewer, UUID id) {
        return sql.one(
                SELECT + FROM + " where c.id = $2 and (c.deleted_at is null or c.kind = 'COMMENT')"
                        + " and col.deleted_at is null and th.deleted_at is null",
                ContentSql::from,
                viewer.personId(),
                id);
    }

    /** Like {@link #byId} but null unless the object is of this type. */
    public <T extends Content> Uni<T> byId(Viewer viewer, UUID id, Class<T> type) {
        return byId(viewer, id).map(c -> type.isInstance(c) ? type.cast(c) : null);
    }

    /** The object and the caller's standing in its community, for a mutation; NOT_FOUND when missing. */
    public Uni<Target> target(Sql tx, Viewer viewer, UUID id) {
        return tx.one(
                        "select c.id, c.kind, c.community_id, c.author_id, c.collection_id, c.thread_id,"
                                + " c.deleted_at is not null or coalesce(col.deleted_at, p.deleted_at) is not null deleted,"
                                + " coalesce(p.locked_at, c.locked_at) is not null locked, "
                                + Standings.COLUMNS + " from content c join community m on m.id = c.community_id"
                                + " left join content col on col.id = c.collection_id left join content p on p.id = c.thread_id"
                                + " where c.id = $2 for update of c",
                        r -> new Target(
                                r.getUUID("id"),
                                r.getString("kind"),
                                r.getUUID("community_id"),
                                r.getUUID("author_id"),
                                r.getUUID("collection_id"),
                                r.getUUID("thread_id"),
                                r.getBoolean("deleted"),
                                r.getBoolean("locked"),
                                Standings.fromPrefixed(r)),
                        viewer.personId(),
                        id)
                .onItem()
                .ifNull()
                .failWith(() -> DomainException.notFound("object"));
    }
}
