package org.lyceum.featured;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lyceum.account.Viewer;
import org.lyceum.community.CommunityView;
import org.lyceum.community.Permissions;
import org.lyceum.content.Content;
import org.lyceum.content.ContentSql;
import org.lyceum.database.Sql;
import org.lyceum.graphql.Batches;
import org.lyceum.graphql.Node;

/**
 * The featured lists, oldest feature first, filtered by what the viewer may see and cut at {@link
 * #MAX}: a community's (batched per request, so a page of communities is one statement) and the
 * instance's.
 */
@ApplicationScoped
public class FeaturedQueries {

    /** Live content of the featured rows {@code f}, as the viewer ($1) may see it. */
    private static final String CONTENT = " from featured f join content c on c.id = f.content_id" + ContentSql.JOINS
            + " where c.deleted_at is null and" + ContentSql.VISIBLE;

    /** At most this many items a list (the oldest features), so a page of communities stays bounded. */
    static final int MAX = 50;

    private record CommunityLoad(@Nullable UUID viewer) {}

    private final Sql sql;
    private final Batches batches;

    FeaturedQueries(Sql sql, Batches batches) {
        this.sql = sql;
        this.batches = batches;
    }

    /** A community's featured collections, resources and threads. */
    public Uni<List<Content>> ofCommunity(Viewer viewer, UUID communityId) {
        return batches.load(new CommunityLoad(viewer.personId()), communityId, (List<UUID> ids) -> sql.list(
                                "select * from (select f.community_id f_community, row_number() over (partition by"
                                        + " f.community_id order by f.seq) f_rank, " + ContentSql.COLUMNS + CONTENT
                                        + " and f.community_id = any($2)) listed where f_rank <= " + MAX
                                        + " order by f_community, f_rank",
                                r -> Map.entry(r.getUUID("f_community"), ContentSql.from(r)),
                                viewer.personId(),
                                ids.toArray(UUID[]::new))
                        .map(rows -> {
                            Map<UUID, List<Content>> byCommunity = new HashMap<>(ids.size() * 2);
                            rows.forEach(e -> byCommunity
                                    .computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                                    .add(e.getValue()));
                            return byCommunity;
                        }))
                .map(list -> list == null ? List.<Content>of() : list);
    }

    /** The instance's featured communities and collections. */
    public Uni<List<Node>> ofInstance(Viewer viewer) {
        record Item(long seq, Node node) {}
        Uni<List<Item>> content = sql.list(
                "select f.seq f_seq, " + ContentSql.COLUMNS + CONTENT
                        + " and f.community_id is null order by f.seq limit " + MAX,
                r -> new Item(r.getLong("f_seq"), ContentSql.from(r)),
                viewer.personId());
        Uni<List<Item>> communities = sql.list(
                "select f.seq f_seq, " + CommunityView.columns("m", "")
                        + " from featured f join community m on m.id = f.featured_community_id"
                        + " where f.community_id is null and " + Permissions.VISIBLE_SQL + " order by f.seq limit "
                        + MAX,
                r -> new Item(
                        r.getLong("f_seq"),
                        Objects.requireNonNull(CommunityView.from(r, ""), "a featured community is joined by its id")),
                viewer.personId());
        return Uni.combine().all().unis(content, communities).with((a, b) -> {
            List<Item> all = new ArrayList<>(a);
            all.addAll(b);
            all.sort(Comparator.comparingLong(Item::seq));
            return all.stream().limit(MAX).map(Item::node).toList();
        });
    }
}
