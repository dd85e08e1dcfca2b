package org.lyceum.content;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.lyceum.account.Viewer;
import org.lyceum.common.DomainException;
import org.lyceum.common.Keyset;
import org.lyceum.common.Page;
import org.lyceum.common.PageBatch;
import org.lyceum.common.PageRequest;
import org.lyceum.database.Sql;
import org.lyceum.graphql.Batches;

/**
 * What people created (collections, resources, threads, comments) that the viewer may see, newest
 * first, deleted content and threads' first comments left out: per person of a list, batched like {@link ContentLoader}, so a
 * page of twenty people with their contributions is one statement for the pages and one for the
 * counts. The kinds asked for are part of the batch, so aliases with other kinds get their own.
 */
@ApplicationScoped
public class ContributionLoader {

    private static final Keyset NEWEST = Keyset.descending("c.created_at", "timestamptz", "c.id", "uuid");

    private record PageLoad(Set<ContentKind> kinds, @Nullable UUID viewer, boolean backward) {}

    private record CountLoad(Set<ContentKind> kinds, @Nullable UUID viewer) {}

    private final Sql sql;
    private final Batches batches;

    ContributionLoader(Sql sql, Batches batches) {
        this.sql = sql;
        this.batches = batches;
    }

    /** The kinds a field asked for; null or empty means every kind, a null item is INVALID_INPUT. */
    public static Set<ContentKind> kinds(@Nullable List<@Nullable ContentKind> asked) {
        if (asked == null || asked.isEmpty()) {
            return EnumSet.allOf(ContentKind.class);
        }
        Set<ContentKind> kinds = EnumSet.noneOf(ContentKind.class);
        for (ContentKind kind : asked) {
            if (kind == null) {
                throw DomainException.invalid("kinds", "must not contain null");
            }
            kinds.add(kind);
        }
        return kinds;
    }

    public Uni<Page<Content>> page(Viewer viewer, UUID authorId, Set<ContentKind> kinds, PageRequest page) {
        NEWEST.cursorValues(page); // a bad cursor fails this field alone, not its whole batch
        return batches.load(
                new PageLoad(kinds, viewer.personId(), page.backward()),
                new PageBatch.Key(authorId, page),
                (List<PageBatch.Key> keys) -> PageBatch.load(
                        sql,
                        NEWEST,
                        page.backward(),
                        ContentSql.COLUMNS,
                        "from content c" + ContentSql.JOINS + " where c.author_id = batch.parent and" + where(kinds),
                        viewer.personId(),
                        keys,
                        ContentSql::from));
    }

    public Uni<Long> count(Viewer viewer, UUID authorId, Set<ContentKind> kinds) {
        return batches.load(new CountLoad(kinds, viewer.personId()), authorId, authors -> sql.list(
                        "select c.author_id, count(*) n from content c" + ContentSql.JOINS
                                + " where c.author_id = any($2) and" + where(kinds) + " group by c.author_id",
                        r -> Map.entry(r.getUUID("author_id"), r.getLong("n")),
                        viewer.personId(),
                        authors.toArray(UUID[]::new))
                .map(rows -> {
                    Map<UUID, Long> counts = new HashMap<>(authors.size() * 2);
                    authors.forEach(a -> counts.put(a, 0L));
                    rows.forEach(e -> counts.put(e.getKey(), e.getValue()));
                    return counts;
                }));
    }

    /**
     * Live content of the kinds that the viewer may see ($1); kinds are enum names, never client
     * text. A thread's first comment (its text, the one comment that replies to nothing) is the
     * thread itself on a person's page, so it is not listed a second time as a comment.
     */
    private static String where(Set<ContentKind> kinds) {
        String in = kinds.stream().map(k -> "'" + k.name() + "'").collect(Collectors.joining(", "));
        return " c.kind in (" + in + ") and not (c.kind = 'COMMENT' and c.in_reply_to is null)"
                + " and c.deleted_at is null and" + ContentSql.VISIBLE;
    }
}
