package org.lyceum.digest;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.lyceum.community.Permissions;
import org.lyceum.database.Sql;

/**
 * What is new for one person in [since, until): threads, resources and replies by others in the
 * communities they belong to or follow and the collections they follow, ranked by likes and
 * replies, then newest. Private communities show only to their members (Permissions.VISIBLE_SQL).
 */
@ApplicationScoped
public class DigestComposer {

    private static final String ITEMS = "select * from (select c.kind, c.title, c.ap_id,"
            + " case when c.kind = 'THREAD' then (select o.body from content o where o.thread_id = c.id and o.kind = 'COMMENT'"
            + " and o.in_reply_to is null and o.deleted_at is null order by o.created_at limit 1) else c.body end as body,"
            + " c.created_at, t.title as thread_title,"
            + " m.title as community, au.display_name as author,"
            + " (select count(*) from liking l where l.object_id = c.id) as likes,"
            + " (select count(*) from content r where r.thread_id = c.id and r.kind = 'COMMENT' and r.in_reply_to is not null"
            + " and r.deleted_at is null) as replies,"
            + " count(*) over () as total"
            + " from content c"
            + " join community m on m.id = c.community_id"
            + " join person au on au.id = c.author_id"
            + " left join content t on t.id = c.thread_id"
            + " where c.created_at >= $2 and c.created_at < $3 and c.deleted_at is null"
            // A thread's opening post is a comment that replies to nothing; it shows as the thread's text.
            + " and c.kind in ('THREAD', 'RESOURCE', 'COMMENT') and (c.kind <> 'COMMENT' or c.in_reply_to is not null)"
            + " and c.author_id <> $1"
            + " and " + Permissions.VISIBLE_SQL
            + " and (exists(select 1 from membership f where f.person_id = $1 and f.state = 'JOINED' and f.community_id = c.community_id)"
            + " or exists(select 1 from follow f where f.follower_id = $1 and f.community_id = c.community_id)"
            + " or exists(select 1 from follow f where f.follower_id = $1 and f.collection_id = c.collection_id))"
            + ") x order by likes + replies desc, created_at desc limit $4";

    private final Sql sql;
    private final DigestConfig config;

    DigestComposer(Sql sql, DigestConfig config) {
        this.sql = sql;
        this.config = config;
    }

    public Uni<Contents> compose(UUID person, OffsetDateTime since, OffsetDateTime until) {
        return sql.list(ITEMS, r -> new Row(DigestItem.from(r), r.getLong("total")), person, since, until, config.maxItems())
                .map(rows -> new Contents(rows.stream().map(Row::item).toList(),
                        rows.isEmpty() ? 0 : rows.get(0).total()));
    }

    /** The items shown, and how many there were in all. */
    public record Contents(List<DigestItem> items, long total) {

        public boolean empty() {
            return items.isEmpty();
        }

        public long more() {
            return total - items.size();
        }
    }

    private record Row(DigestItem item, long total) {
    }
}
