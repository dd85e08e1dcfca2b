package org.lyceum.social;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.lyceum.account.Viewer;
import org.lyceum.common.Keyset;
import org.lyceum.common.Page;
import org.lyceum.common.PageRequest;
import org.lyceum.content.Content;
import org.lyceum.content.ContentSql;
import org.lyceum.database.Sql;

/**
 * The caller's own bookmarks, newest bookmark first, each one statement. What the caller may no
 * longer see (a private community they left, deleted content) stays bookmarked but is not shown.
 */
@ApplicationScoped
class BookmarkQueries {

    private static final Keyset NEWEST = Keyset.descending("b.created_at", "timestamptz", "b.object_id", "uuid");
    private static final String FROM = " from bookmark b join content c on c.id = b.object_id" + ContentSql.JOINS
            + " where b.person_id = $1 and c.deleted_at is null and" + ContentSql.VISIBLE;

    private final Sql sql;

    BookmarkQueries(Sql sql) {
        this.sql = sql;
    }

    Uni<Page<Content>> page(Viewer viewer, PageRequest page) {
        List<@Nullable Object> params = Sql.params(viewer.requirePersonId());
        String after = NEWEST.after(page, 2, params);
        return sql.list(
                        "select " + ContentSql.COLUMNS + ", " + NEWEST.columns() + FROM + after
                                + NEWEST.orderAndLimit(page),
                        r -> new Page.Edge<>(NEWEST.cursorOf(r), ContentSql.from(r)),
                        params.toArray())
                .map(rows -> Keyset.page(page, rows));
    }

    Uni<Long> count(Viewer viewer) {
        return sql.one("select count(*)" + FROM, r -> r.getLong(0), viewer.requirePersonId());
    }
}
