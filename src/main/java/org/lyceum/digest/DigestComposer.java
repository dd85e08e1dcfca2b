package org.lyceum.digest;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.lyceum.account.Suspensions;
import org.lyceum.block.Blocks;
import org.lyceum.community.Permissions;
import org.lyceum.database.Sql;

/**
 * What is new for one person in [since, until): threads, resources and replies by others in the
 * communities they belong to or follow and the collections they follow, ranked by likes and
 * replies, then newest. Private communities show only to their members (Permissions.VISIBLE_SQL).
 */
@ApplicationScoped
public class DigestComposer {

    /** One person's items; $P person, $S since, $U until, $L limit are substituted per use. */
    private static final String ITEMS = "select c.kind, c.title, c.ap_id,"
            // The rendered HTML where there is one (the excerpt is its text), else the source.
            + " case when c.kind = 'THREAD' then (select coalesce(o.body_html, o.body) from content o where o.thread_id = c.id"
            + " and o.kind = 'COMMENT' and o.in_reply_to is null and o.deleted_at is null order by o.created_at limit 1)"
            + " else coalesce(c.body_html, c.body) end as body,"
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
            + " where c.created_at >= $S and c.created_at < $U and c.deleted_at is null and t.deleted_at is null"
            // A deleted collection hides its resources.
            + " and not exists(select 1 from content col where col.id = c.collection_id and col.deleted_at is not null)"
            // A thread's opening post is a comment that replies to nothing; it shows as the thread's text.
            + " and c.kind in ('THREAD', 'RESOURCE', 'COMMENT') and (c.kind <> 'COMMENT' or c.in_reply_to is not null)"
            + " and c.author_id <> $P"
            + " and " + Permissions.VISIBLE_SQL.replace("$1", "$P")
            // Nothing by someone suspended, nor by (or in) what the reader blocks or mutes.
            + " and " + Suspensions.notSuspended("c.author_id")
            + " and not " + Blocks.hidden("$P", List.of("c.author_id", "c.community_id"), List.of("au.host", "m.host"))
            + " and (exists(select 1 from membership f where f.person_id = $P and f.state = 'JOINED' and f.community_id = c.community_id)"
            + " or exists(select 1 from follow f where f.follower_id = $P and f.state = 'ACCEPTED' and f.community_id = c.community_id)"
            + " or exists(select 1 from follow f where f.follower_id = $P and f.state = 'ACCEPTED' and f.collection_id = c.collection_id))";

    private static final String RANKED =
            "select * from (" + ITEMS + ") y order by y.likes + y.replies desc, y.created_at desc limit $L";

    /** Many people's digests in one statement: a lateral join of the items query over the batch. */
    private static final String BATCH =
            "select r.key, x.* from unnest($1::bigint[], $2::uuid[], $3::timestamptz[], $4::timestamptz[])"
                    + " as r(key, person_id, since, until) cross join lateral ("
                    + RANKED.replace("$P", "r.person_id")
                            .replace("$S", "r.since")
                            .replace("$U", "r.until")
                            .replace("$L", "$5")
                    + ") x";

    private final Sql sql;
    private final DigestConfig config;

    DigestComposer(Sql sql, DigestConfig config) {
        this.sql = sql;
        this.config = config;
    }

    /** The digests of a batch of people, by request key; people with nothing new are absent. */
    public Uni<Map<Long, Contents>> compose(List<Request> batch) {
        if (batch.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        Long[] keys = batch.stream().map(Request::key).toArray(Long[]::new);
        UUID[] people = batch.stream().map(Request::person).toArray(UUID[]::new);
        OffsetDateTime[] since = batch.stream().map(Request::since).toArray(OffsetDateTime[]::new);
        OffsetDateTime[] until = batch.stream().map(Request::until).toArray(OffsetDateTime[]::new);
        return sql.list(
                        BATCH,
                        r -> new Row(r.getLong("key"), DigestItem.from(r), r.getLong("total")),
                        keys,
                        people,
                        since,
                        until,
                        config.maxItems())
                .chain(rows -> sql.list(
                                "select recipient_id, count(*) unread from notification where recipient_id = any($1)"
                                        + " and read_at is null group by recipient_id",
                                r -> Map.entry(r.getUUID("recipient_id"), r.getLong("unread")),
                                (Object) people)
                        .map(unread -> assemble(batch, rows, unread)));
    }

    private static Map<Long, Contents> assemble(
            List<Request> batch, List<Row> rows, List<Map.Entry<UUID, Long>> unreadCounts) {
        Map<UUID, Long> unread = new HashMap<>();
        unreadCounts.forEach(e -> unread.put(e.getKey(), e.getValue()));
        Map<Long, UUID> personOf = new HashMap<>();
        batch.forEach(b -> personOf.put(b.key(), b.person()));
        Map<Long, List<Row>> byKey = new LinkedHashMap<>();
        for (Row row : rows) {
            byKey.computeIfAbsent(row.key(), k -> new ArrayList<>()).add(row);
        }
        Map<Long, Contents> out = new HashMap<>();
        byKey.forEach((key, items) -> out.put(
                key,
                new Contents(
                        items.stream().map(Row::item).toList(),
                        items.get(0).total(),
                        unread.getOrDefault(personOf.get(key), 0L))));
        return out;
    }

    /** One person's digest window, under a key of the caller's choosing (the ledger row id). */
    public record Request(long key, UUID person, OffsetDateTime since, OffsetDateTime until) {}

    /** The items shown, how many there were in all, and the person's unread notifications. */
    public record Contents(List<DigestItem> items, long total, long unread) {

        public boolean empty() {
            return items.isEmpty();
        }

        public long more() {
            return total - items.size();
        }
    }

    private record Row(long key, DigestItem item, long total) {}
}
