package org.lyceum.export;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.lyceum.database.Sql;

/**
 * The JSON files of an archive, each one statement that PostgreSQL turns into JSON itself: what
 * the person wrote, liked, bookmarked, followed and joined, their settings and notifications.
 * Each reads only rows of the person ($1).
 */
@ApplicationScoped
class ArchiveSections {

    private static final Map<String, String> SECTIONS = new LinkedHashMap<>();

    static {
        SECTIONS.put(
                "profile.json",
                "select p.id, p.ap_id, p.username, p.display_name, p.summary, p.created_at, p.updated_at, a.email,"
                        + " a.roles, a.created_at account_created_at from person p join account a on a.person_id = p.id"
                        + " where p.id = $1");
        SECTIONS.put(
                "settings.json",
                "select s.digest, s.time_zone, s.hour, s.updated_at from notification_setting s where s.person_id = $1");
        SECTIONS.put(
                "content.json",
                "select c.id, c.ap_id, c.kind, c.title, c.body, c.url, c.licence, c.language, c.created_at, c.updated_at,"
                        + " c.deleted_at, m.name community, m.ap_id community_ap_id, th.ap_id thread_ap_id,"
                        + " pr.ap_id in_reply_to, f.name file_name, f.media_type file_type"
                        + " from content c join community m on m.id = c.community_id"
                        + " left join content th on th.id = c.thread_id left join content pr on pr.id = c.in_reply_to"
                        + " left join media f on f.id = c.file_id where c.author_id = $1");
        SECTIONS.put(
                "likes.json",
                "select c.ap_id object, l.created_at from liking l join content c on c.id = l.object_id"
                        + " where l.person_id = $1");
        SECTIONS.put(
                "bookmarks.json",
                "select c.ap_id object, c.title, b.created_at from bookmark b join content c on c.id = b.object_id"
                        + " where b.person_id = $1");
        SECTIONS.put(
                "follows.json",
                "select coalesce(p.ap_id, m.ap_id, c.ap_id) object, case when p.id is not null then 'PERSON'"
                        + " when m.id is not null then 'COMMUNITY' else 'COLLECTION' end kind, f.state, f.created_at"
                        + " from follow f left join person p on p.id = f.person_id left join community m on m.id = f.community_id"
                        + " left join content c on c.id = f.collection_id where f.follower_id = $1");
        SECTIONS.put(
                "followers.json",
                "select p.ap_id follower, f.created_at from follow f join person p on p.id = f.follower_id"
                        + " where f.person_id = $1 and f.state = 'ACCEPTED'");
        SECTIONS.put(
                "memberships.json",
                "select m.name community, m.ap_id, s.role, s.state, s.created_at from membership s"
                        + " join community m on m.id = s.community_id where s.person_id = $1");
        SECTIONS.put(
                "blocks.json",
                "select case when b.mute then 'MUTE' else 'BLOCK' end kind, b.blocked_type, coalesce(p.ap_id, m.ap_id) object,"
                        + " b.created_at from person_block b left join person p on p.id = b.blocked_id"
                        + " left join community m on m.id = b.blocked_id where b.blocker_id = $1"
                        + " union all select 'BLOCK', 'DOMAIN', d.domain, d.created_at from person_domain_block d"
                        + " where d.person_id = $1");
        SECTIONS.put(
                "notifications.json",
                "select n.kind, n.created_at, n.read_at, n.reason, a.ap_id actor, n.object_type, n.object_id"
                        + " from notification n left join person a on a.id = n.actor_id where n.recipient_id = $1");
        SECTIONS.put(
                "files.json",
                "select f.id, f.name, f.media_type, f.purpose, f.sizes[1] size, f.sha256, f.created_at from media f"
                        + " where f.owner_id = $1 and f.purpose <> 'EXPORT' and f.removed_at is null");
    }

    private final Sql sql;

    ArchiveSections(Sql sql) {
        this.sql = sql;
    }

    /** File name to JSON text, in a fixed order; a section without rows is an empty array. */
    Uni<Map<String, String>> read(UUID personId) {
        Map<String, String> files = new LinkedHashMap<>();
        return Multi.createFrom()
                .iterable(List.copyOf(SECTIONS.entrySet()))
                .onItem()
                .transformToUniAndConcatenate(e -> sql.one(
                                "select coalesce(json_agg(t), '[]'::json)::text j from (" + e.getValue() + ") t",
                                r -> r.getString("j"),
                                personId)
                        .invoke(json -> files.put(e.getKey(), json)))
                .collect()
                .last()
                .map(ignored -> files);
    }
}
