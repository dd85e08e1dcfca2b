package org.lyceum.moderation;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lyceum.account.Viewer;
import org.lyceum.common.Keyset;
import org.lyceum.common.Page;
import org.lyceum.common.PageRequest;
import org.lyceum.community.CommunityQueries;
import org.lyceum.community.Permissions;
import org.lyceum.database.Sql;

/**
 * Reading the moderation log, newest first: a community's log is as visible as its content (a
 * private community's for its members, NOT_FOUND for others); the instance log is public.
 */
@ApplicationScoped
public class ModlogQueries {

    private static final Keyset NEWEST = Keyset.descending("l.seq", "bigint");

    private final Sql sql;
    private final CommunityQueries communities;

    ModlogQueries(Sql sql, CommunityQueries communities) {
        this.sql = sql;
        this.communities = communities;
    }

    public Uni<Page<ModlogEntryView>> page(Viewer viewer, @Nullable UUID communityId, PageRequest page) {
        NEWEST.cursorValues(page); // a cursor of another list is INVALID_INPUT before any statement
        if (communityId == null) {
            return list(" where l.community_id is null", Sql.params(), page);
        }
        return communities
                .standing(sql, viewer, communityId)
                .invoke(Permissions::see)
                .chain(() -> list(" where l.community_id = $1", Sql.params(communityId), page));
    }

    /** One entry for node(id:), or null when it does not exist or its community is hidden from the viewer. */
    public Uni<ModlogEntryView> byId(Viewer viewer, UUID id) {
        return sql.one(
                "select " + ModlogEntryView.COLUMNS + " from modlog l left join community m on m.id = l.community_id"
                        + " where l.id = $2 and (l.community_id is null or " + Permissions.VISIBLE_SQL + ")",
                ModlogEntryView::from,
                viewer.personId(),
                id);
    }

    private Uni<Page<ModlogEntryView>> list(String where, List<@Nullable Object> params, PageRequest page) {
        String after = NEWEST.after(page, params.size() + 1, params);
        return sql.list(
                        "select " + ModlogEntryView.COLUMNS + ", " + NEWEST.columns() + " from modlog l" + where + after
                                + NEWEST.orderAndLimit(page),
                        r -> new Page.Edge<>(NEWEST.cursorOf(r), ModlogEntryView.from(r)),
                        params.toArray())
                .map(rows -> Keyset.page(page, rows));
    }
}
