package org.lyceum.social;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lyceum.account.PersonView;
import org.lyceum.account.Viewer;
import org.lyceum.block.Blocks;
import org.lyceum.common.Keyset;
import org.lyceum.common.Page;
import org.lyceum.common.PageRequest;
import org.lyceum.content.ContentSql;
import org.lyceum.database.Sql;

/**
 * Feeds: what was created, newest first, read from the activity log. One page is one
 * statement that brings each item's object, community, author and counts along.
 */
@ApplicationScoped
public class FeedQueries {

    private static final Keyset NEWEST = Keyset.descending("act.seq", "bigint");
    private static final String FROM = " from activity act join content c on c.id = act.object_id" + ContentSql.JOINS
            + " join person p on p.id = act.actor_id";
    /** Created, not deleted, visible to the viewer ($1) and not by someone (or in a community) they block or mute. */
    private static final String LIVE = " act.verb = 'CREATE' and c.deleted_at is null and" + ContentSql.VISIBLE
            + " and not " + Blocks.hiddenContent("$1");

    /** What the viewer follows: communities they joined or follow, people and collections they follow. */
    public static final String HOME =
            " and (exists(select 1 from membership f where f.person_id = $1 and f.state = 'JOINED'"
                    + " and f.community_id = c.community_id)"
                    + " or exists(select 1 from follow f where f.follower_id = $1 and f.community_id = c.community_id)"
                    + " or exists(select 1 from follow f where f.follower_id = $1 and f.person_id = act.actor_id)"
                    + " or exists(select 1 from follow f where f.follower_id = $1 and f.collection_id = coalesce(c.collection_id, c.id)))";

    static final String COMMUNITY = " and c.community_id = $2";
    static final String INSTANCE = " and m.host is null and m.visibility = 'PUBLIC'";

    private final Sql sql;

    FeedQueries(Sql sql) {
        this.sql = sql;
    }

    public Uni<Page<ActivityView>> page(Viewer viewer, String scope, @Nullable UUID community, PageRequest page) {
        List<@Nullable Object> params = Sql.params(viewer.personId(), community);
        return sql.list(
                        pageSql(scope, community != null, page, params),
                        r -> new Page.Edge<>(NEWEST.cursorOf(r), ActivityView.from(r)),
                        params.toArray())
                .map(rows -> Keyset.page(page, rows));
    }

    /**
     * The statement of one feed page, given $1 (viewer) and $2 (community or null) in
     * {@code params}; cursor values are appended. Public so that bench/RawFeed.java runs exactly it.
     */
    public static String pageSql(String scope, boolean oneCommunity, PageRequest page, List<@Nullable Object> params) {
        String after = NEWEST.after(page, 3, params);
        return "select act.id act_id, act.verb, act.published_at, " + ContentSql.COLUMNS + ", "
                + PersonView.columns("p", "p_") + ", " + NEWEST.columns() + FROM + " where" + LIVE
                + (oneCommunity ? "" : " and $2::uuid is null") + scope + after + NEWEST.orderAndLimit(page);
    }

    /** One activity of the feeds, if the viewer may see it. */
    public Uni<ActivityView> byId(Viewer viewer, UUID id) {
        return sql.one(
                "select act.id act_id, act.verb, act.published_at, " + ContentSql.COLUMNS + ", "
                        + PersonView.columns("p", "p_") + FROM + " where" + LIVE + " and act.id = $2",
                ActivityView::from,
                viewer.personId(),
                id);
    }

    /**
     * One activity as the feeds show it to no one in particular ($1 null: no caller's flags), with
     * {@code columns} added and the conditions {@code where} on top of "created and not deleted";
     * visibility is the caller's to add. Live subscriptions check every subscriber in these columns.
     */
    public static String itemSql(String columns, String where) {
        return "select act.id act_id, act.verb, act.published_at, " + ContentSql.COLUMNS + ", "
                + PersonView.columns("p", "p_") + ", " + columns + FROM
                + " where act.verb = 'CREATE' and c.deleted_at is null and col.deleted_at is null"
                + " and th.deleted_at is null" + where;
    }

    public Uni<Long> count(Viewer viewer, String scope, @Nullable UUID community) {
        return sql.one(
                "select count(*)" + FROM + " where" + LIVE + (community == null ? " and $2::uuid is null" : "") + scope,
                r -> r.getLong(0),
                viewer.personId(),
                community);
    }
}
