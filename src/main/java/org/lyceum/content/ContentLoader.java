package org.lyceum.content;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lyceum.account.Viewer;
import org.lyceum.common.Keyset;
import org.lyceum.common.Page;
import org.lyceum.common.PageBatch;
import org.lyceum.common.PageRequest;
import org.lyceum.database.Sql;
import org.lyceum.graphql.Batches;

/**
 * What GraphQL reads per item of a list (a thread's comments, a community's threads and
 * collections, a collection's resources, their counts, the object a comment replies to): batched
 * per request by {@link Batches}, so a page of parents costs one statement per field, not one per
 * parent. Each batch is keyed by the viewer, whose person id is {@code $1} of every statement.
 */
@ApplicationScoped
public class ContentLoader {

    private static final Keyset NEWEST = Keyset.descending("c.created_at", "timestamptz", "c.id", "uuid");
    private static final Keyset OLDEST = Keyset.ascending("c.created_at", "timestamptz", "c.id", "uuid");
    private static final Keyset IN_ORDER = Keyset.ascending("c.position", "integer", "c.id", "uuid");

    /** A list of content under a parent: its kind, the parent's column and its order. */
    private record Listing(String kind, String parentColumn, Keyset keyset) {}

    private static final Listing COLLECTIONS = new Listing("COLLECTION", "community_id", NEWEST);
    private static final Listing RESOURCES = new Listing("RESOURCE", "collection_id", IN_ORDER);
    private static final Listing THREADS = new Listing("THREAD", "community_id", NEWEST);
    /** All comments of a thread, oldest first, tombstones included; inReplyTo gives the nesting. */
    private static final Listing COMMENTS = new Listing("COMMENT", "thread_id", OLDEST);

    private record PageLoad(Listing listing, @Nullable UUID viewer, boolean backward) {}

    private record CountLoad(Listing listing, @Nullable UUID viewer) {}

    private record ObjectLoad(@Nullable UUID viewer) {}

    private final Sql sql;
    private final Batches batches;

    ContentLoader(Sql sql, Batches batches) {
        this.sql = sql;
        this.batches = batches;
    }

    public Uni<Page<Content>> collections(Viewer viewer, UUID communityId, PageRequest page) {
        return page(viewer, COLLECTIONS, communityId, page);
    }

    public Uni<Page<Content>> resources(Viewer viewer, UUID collectionId, PageRequest page) {
        return page(viewer, RESOURCES, collectionId, page);
    }

    public Uni<Page<Content>> threads(Viewer viewer, UUID communityId, PageRequest page) {
        return page(viewer, THREADS, communityId, page);
    }

    public Uni<Page<Content>> comments(Viewer viewer, UUID threadId, PageRequest page) {
        return page(viewer, COMMENTS, threadId, page);
    }

    public Uni<Long> collectionCount(Viewer viewer, UUID communityId) {
        return count(viewer, COLLECTIONS, communityId);
    }

    public Uni<Long> resourceCount(Viewer viewer, UUID collectionId) {
        return count(viewer, RESOURCES, collectionId);
    }

    public Uni<Long> threadCount(Viewer viewer, UUID communityId) {
        return count(viewer, THREADS, communityId);
    }

    public Uni<Long> commentCount(Viewer viewer, UUID threadId) {
        return count(viewer, COMMENTS, threadId);
    }

    /** The object if it exists and the viewer may see it, else null; like {@link ContentQueries#byId}. */
    public Uni<Content> byId(Viewer viewer, UUID id) {
        return batches.load(new ObjectLoad(viewer.personId()), id, ids -> sql.list(
                        "select " + ContentSql.COLUMNS + " from content c" + ContentSql.JOINS
                                + " where c.id = any($2) and" + ContentSql.VISIBLE,
                        r -> Map.entry(r.getUUID("id"), ContentSql.from(r)),
                        viewer.personId(),
                        ids.toArray(UUID[]::new))
                .map(found -> {
                    Map<UUID, Content> byId = new HashMap<>(found.size() * 2);
                    found.forEach(e -> byId.put(e.getKey(), e.getValue()));
                    return byId;
                }));
    }

    public <T extends Content> Uni<T> byId(Viewer viewer, UUID id, Class<T> type) {
        return byId(viewer, id).map(c -> type.isInstance(c) ? type.cast(c) : null);
    }

    private Uni<Page<Content>> page(Viewer viewer, Listing listing, UUID parent, PageRequest page) {
        listing.keyset().cursorValues(page); // a bad cursor fails this field alone, not its whole batch
        return batches.load(
                new PageLoad(listing, viewer.personId(), page.backward()),
                new PageBatch.Key(parent, page),
                (List<PageBatch.Key> keys) -> PageBatch.load(
                        sql,
                        listing.keyset(),
                        page.backward(),
                        ContentSql.COLUMNS,
                        "from content c" + ContentSql.JOINS + " where c.kind = '" + listing.kind() + "' and c."
                                + listing.parentColumn() + " = batch.parent and" + ContentSql.VISIBLE,
                        viewer.personId(),
                        keys,
                        ContentSql::from));
    }

    private Uni<Long> count(Viewer viewer, Listing listing, UUID parent) {
        return batches.load(new CountLoad(listing, viewer.personId()), parent, parents -> sql.list(
                        "select c." + listing.parentColumn() + " parent, count(*) n from content c" + ContentSql.JOINS
                                + " where c.kind = '" + listing.kind() + "' and c." + listing.parentColumn()
                                + " = any($2) and" + ContentSql.VISIBLE + " group by c." + listing.parentColumn(),
                        r -> Map.entry(r.getUUID("parent"), r.getLong("n")),
                        viewer.personId(),
                        parents.toArray(UUID[]::new))
                .map(rows -> {
                    Map<UUID, Long> counts = new HashMap<>(parents.size() * 2);
                    parents.forEach(p -> counts.put(p, 0L));
                    rows.forEach(e -> counts.put(e.getKey(), e.getValue()));
                    return counts;
                }));
    }
}
