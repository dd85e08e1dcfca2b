package org.lyceum.content;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lyceum.account.Viewer;
import org.lyceum.common.DomainException;
import org.lyceum.common.Keyset;
import org.lyceum.common.Page;
import org.lyceum.common.PageRequest;
import org.lyceum.community.Standings;
import org.lyceum.database.Sql;

/** Reads of collections, resources, threads and comments; each page is one statement. */
@ApplicationScoped
public class ContentQueries {

    private static final String SELECT = "select " + ContentSql.COLUMNS;
    private static final String FROM = " from content c" + ContentSql.JOINS;
    private static final Keyset NEWEST = Keyset.descending("c.created_at", "timestamptz", "c.id", "uuid");
    private static final Keyset OLDEST = Keyset.ascending("c.created_at", "timestamptz", "c.id", "uuid");
    private static final Keyset IN_ORDER = Keyset.ascending("c.position", "integer", "c.id", "uuid");

    private final Sql sql;

    ContentQueries(Sql sql) {
        this.sql = sql;
    }

    /** The object if it exists and the viewer may see it, else null. */
    public Uni<Content> byId(Viewer viewer, UUID id) {
        return sql.one(
                SELECT + FROM + " where c.id = $2 and" + ContentSql.VISIBLE, ContentSql::from, viewer.personId(), id);
    }

    /** Like {@link #byId} but null unless the object is of this type. */
    public <T extends Content> Uni<T> byId(Viewer viewer, UUID id, Class<T> type) {
        return byId(viewer, id).map(c -> type.isInstance(c) ? type.cast(c) : null);
    }

    public Uni<Page<Content>> collections(Viewer viewer, UUID communityId, PageRequest page) {
        return page(viewer, "c.kind = 'COLLECTION' and c.community_id = $2", communityId, NEWEST, page);
    }

    public Uni<Page<Content>> resources(Viewer viewer, UUID collectionId, PageRequest page) {
        return page(viewer, "c.kind = 'RESOURCE' and c.collection_id = $2", collectionId, IN_ORDER, page);
    }

    public Uni<Page<Content>> threads(Viewer viewer, UUID communityId, PageRequest page) {
        return page(viewer, "c.kind = 'THREAD' and c.community_id = $2", communityId, NEWEST, page);
    }

    /** All comments of a thread, oldest first, tombstones included; inReplyTo gives the nesting. */
    public Uni<Page<Content>> comments(Viewer viewer, UUID threadId, PageRequest page) {
        return page(viewer, "c.kind = 'COMMENT' and c.thread_id = $2", threadId, OLDEST, page);
    }

    public Uni<Long> count(Viewer viewer, String kind, String parentColumn, UUID parent) {
        if (!List.of("community_id", "collection_id", "thread_id").contains(parentColumn)) {
            throw new IllegalArgumentException(parentColumn);
        }
        return sql.one(
                "select count(*)" + FROM + " where c.kind = $3 and c." + parentColumn + " = $2 and"
                        + ContentSql.VISIBLE,
                r -> r.getLong(0),
                viewer.personId(),
                parent,
                kind);
    }

    private Uni<Page<Content>> page(Viewer viewer, String where, UUID parent, Keyset keyset, PageRequest page) {
        List<@Nullable Object> params = Sql.params(viewer.personId(), parent);
        String after = keyset.after(page, 3, params);
        return sql.list(
                        SELECT + ", " + keyset.columns() + FROM + " where " + where + " and" + ContentSql.VISIBLE
                                + after + keyset.orderAndLimit(page),
                        r -> new Page.Edge<>(keyset.cursorOf(r), ContentSql.from(r)),
                        params.toArray())
                .map(rows -> Keyset.page(page, rows));
    }

    /** The object and the caller's standing in its community, for a mutation; NOT_FOUND when missing. */
    public Uni<Target> target(Sql tx, Viewer viewer, UUID id) {
        return tx.one(
                        "select c.id, c.kind, c.community_id, c.author_id, c.collection_id, c.thread_id,"
                                + " c.deleted_at is not null or coalesce(col.deleted_at, p.deleted_at) is not null deleted, "
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
                                Standings.fromPrefixed(r)),
                        viewer.personId(),
                        id)
                .onItem()
                .ifNull()
                .failWith(() -> DomainException.notFound("object"));
    }
}
