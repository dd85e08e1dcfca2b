package org.lyceum.account;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.lyceum.common.DomainException;
import org.lyceum.common.Keyset;
import org.lyceum.common.Page;
import org.lyceum.common.PageRequest;
import org.lyceum.database.Sql;

/** Everyone the instance knows, newest first, for instance staff: the people list of the admin pages. */
@ApplicationScoped
public class PeopleDirectory {

    private static final Keyset NEWEST = Keyset.descending("p.created_at", "timestamptz", "p.id", "uuid");
    private static final int QUERY_MAX = 100;

    private final Sql sql;

    PeopleDirectory(Sql sql) {
        this.sql = sql;
    }

    public Uni<PersonConnection> page(Viewer viewer, @Nullable PeopleFilter filter, PageRequest page) {
        if (!viewer.instanceStaff()) {
            throw DomainException.forbidden("only instance admins and moderators list people");
        }
        NEWEST.cursorValues(page);
        List<@Nullable Object> params = Sql.params(viewer.personId());
        String where = where(filter, params);
        List<@Nullable Object> counted = Sql.params();
        String countWhere = where(filter, counted); // the same filter, its parameters from $1
        String after = NEWEST.after(page, params.size() + 1, params);
        Uni<Long> total = sql.one(
                "select count(*) from person p left join account a on a.person_id = p.id" + countWhere,
                r -> r.getLong(0),
                counted.toArray());
        return sql.list(
                        "select " + PersonView.columns("p", "") + ", " + NEWEST.columns()
                                + " from person p left join account a on a.person_id = p.id" + where + after
                                + NEWEST.orderAndLimit(page),
                        r -> new Page.Edge<>(
                                NEWEST.cursorOf(r), java.util.Objects.requireNonNull(PersonView.from(r, ""))),
                        params.toArray())
                .map(rows -> PersonConnection.of(Keyset.page(page, rows), total));
    }

    private static String where(@Nullable PeopleFilter filter, List<@Nullable Object> params) {
        StringBuilder where = new StringBuilder(" where true");
        if (filter == null) {
            return where.toString();
        }
        if (filter.local() != null) {
            where.append(filter.local() ? " and p.host is null" : " and p.host is not null");
        }
        if (filter.suspended() != null) {
            where.append(filter.suspended() ? " and " : " and not coalesce(")
                    .append(Suspensions.ACTIVE)
                    .append(filter.suspended() ? "" : ", false)");
        }
        String query = filter.query() == null ? null : filter.query().strip();
        if (query != null && !query.isEmpty()) {
            if (query.length() > QUERY_MAX) {
                throw DomainException.invalid("filter.query", "must be at most " + QUERY_MAX + " characters");
            }
            params.add("%"
                    + query.toLowerCase(Locale.ROOT)
                            .replace("\\", "\\\\")
                            .replace("%", "\\%")
                            .replace("_", "\\_")
                    + "%");
            String p = "$" + params.size();
            where.append(" and (lower(p.username) like ")
                    .append(p)
                    .append(" or lower(p.display_name) like ")
                    .append(p)
                    .append(" or lower(coalesce(p.host, '')) like ")
                    .append(p)
                    .append(" or lower(coalesce(a.email, '')) like ")
                    .append(p)
                    .append(")");
        }
        return where.toString();
    }
}
