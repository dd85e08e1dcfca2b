package org.lyceum.common;

import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.lyceum.database.Sql;

/**
 * Pages of one list for many parents in one statement: the parents, their page sizes and cursors
 * go in as arrays and each gets its own keyset page through a lateral join, so twenty threads with
 * ten comments each, or two aliases asking for different {@code first}, are still one statement.
 * All pages of one batch go in one direction ({@link PageRequest#backward()}).
 */
public final class PageBatch {

    /** One parent's page as a field asked for it. */
    public record Key(UUID parent, PageRequest page) {}

    private PageBatch() {}

    /**
     * Loads the pages of all keys; each key's page is as {@link Keyset#page} makes it.
     *
     * @param select the select list of one row; the keyset's cursor columns are added
     * @param fromWhere {@code from ... where ...} of one parent's rows, naming the parent
     *     {@code batch.parent}; {@code $1} is {@code first}
     */
    public static <T> Uni<Map<Key, Page<T>>> load(
            Sql sql,
            Keyset keyset,
            boolean backward,
            String select,
            String fromWhere,
            @Nullable Object first,
            List<Key> keys,
            Function<org.lyceum.database.SqlRow, T> map) {
        int width = keyset.width();
        UUID[] parents = new UUID[keys.size()];
        Integer[] limits = new Integer[keys.size()];
        String[][] cursors = new String[width][keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            Key key = keys.get(i);
            parents[i] = key.parent();
            limits[i] = key.page().size() + 1; // one more row tells whether a next page follows
            String[] values = keyset.cursorValues(key.page());
            for (int k = 0; k < width; k++) {
                cursors[k][i] = values == null ? null : values[k];
            }
        }
        StringBuilder arrays = new StringBuilder("$2::uuid[], $3::int[]");
        StringBuilder columns = new StringBuilder("parent, lim");
        List<@Nullable Object> params = Sql.params(first, parents, limits);
        for (int k = 0; k < width; k++) {
            arrays.append(", $").append(4 + k).append("::text[]");
            columns.append(", k").append(k);
            params.add(cursors[k]);
        }
        String statement = "select x.* from unnest(" + arrays + ") with ordinality as batch(" + columns + ", ord)"
                + " cross join lateral (select batch.ord batch_ord, " + select + ", " + keyset.columns() + ", "
                + keyset.sortColumns() + " " + fromWhere + keyset.afterColumns(backward, "batch")
                + keyset.order(backward) + " limit batch.lim) x"
                // SQL keeps no order across a join unless asked: each parent's rows again in page order.
                + " order by x.batch_ord, " + keyset.outerOrder(backward, "x");
        return sql.list(
                        statement,
                        r -> Map.entry(
                                (int) (r.getLong("batch_ord") - 1), new Page.Edge<>(keyset.cursorOf(r), map.apply(r))),
                        params.toArray())
                .map(rows -> {
                    List<List<Page.Edge<T>>> byKey = new ArrayList<>(keys.size());
                    for (int i = 0; i < keys.size(); i++) {
                        byKey.add(new ArrayList<>());
                    }
                    rows.forEach(row -> byKey.get(row.getKey()).add(row.getValue()));
                    Map<Key, Page<T>> pages = new HashMap<>(keys.size() * 2);
                    for (int i = 0; i < keys.size(); i++) {
                        pages.put(keys.get(i), Keyset.page(keys.get(i).page(), byKey.get(i)));
                    }
                    return pages;
                });
    }
}
