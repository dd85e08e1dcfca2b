package org.lyceum.content;

import java.util.List;
import java.util.Objects;
import org.lyceum.account.PersonView;
import org.lyceum.account.Suspensions;
import org.lyceum.block.Blocks;
import org.lyceum.community.CommunityView;
import org.lyceum.community.Permissions;
import org.lyceum.database.SqlRow;

/**
 * The one projection every content read uses: the object, its community, its author and, for a
 * resource, its collection and that collection's author, with counts and the caller's flags as
 * subselects. A page of any length is one statement; the viewer's person id is $1.
 */
public final class ContentSql {

    public static final String COLUMNS = String.join(
            ", ",
            own("c", ""),
            // A comment of someone the caller blocks or mutes is a placeholder (CommentView.blocked).
            "case when c.kind = 'COMMENT' then "
                    + Blocks.hidden("$1", List.of("a.id"), List.of("a.host"))
                    + " else false end blocked",
            CommunityView.columns("m", "m_"),
            PersonView.columns("a", "a_"),
            own("col", "col_"),
            PersonView.columns("ca", "ca_"),
            "fm.id fm_id, fm.media_type fm_media_type, fm.sizes[1] fm_size, fm.name fm_name");

    public static final String JOINS = " join community m on m.id = c.community_id join person a on a.id = c.author_id"
            + " left join content col on col.id = c.collection_id left join person ca on ca.id = col.author_id"
            + " left join content th on th.id = c.thread_id left join media fm on fm.id = c.file_id";

    /**
     * Live (or, for comments, tombstoned) content the viewer may see, in a collection or thread that is
     * still there, by an author who is not suspended now.
     */
    public static final String VISIBLE = " (c.deleted_at is null or c.kind = 'COMMENT') and col.deleted_at is null"
            + " and th.deleted_at is null and " + Permissions.VISIBLE_SQL + " and "
            + Suspensions.notSuspended("c.author_id");

    private ContentSql() {}

    private static String own(String t, String p) {
        String count = "(select count(*) from ";
        return String.join(
                ", ",
                t + ".id " + p + "id",
                t + ".kind " + p + "kind",
                t + ".title " + p + "title",
                t + ".body " + p + "body",
                t + ".body_html " + p + "body_html",
                t + ".url " + p + "url",
                t + ".licence " + p + "licence",
                t + ".language " + p + "language",
                t + ".level " + p + "level",
                t + ".subject " + p + "subject",
                t + ".resource_type " + p + "resource_type",
                t + ".attribution " + p + "attribution",
                t + ".position " + p + "position",
                t + ".created_at " + p + "created_at",
                t + ".updated_at " + p + "updated_at",
                t + ".deleted_at " + p + "deleted_at",
                t + ".thread_id " + p + "thread_id",
                t + ".in_reply_to " + p + "in_reply_to",
                t + ".about_id " + p + "about_id",
                t + ".locked_at is not null " + p + "locked",
                count + "liking l where l.object_id = " + t + ".id) " + p + "likes",
                "exists(select 1 from liking l where l.object_id = " + t + ".id and l.person_id = $1) " + p + "my_like",
                "exists(select 1 from bookmark b where b.object_id = " + t + ".id and b.person_id = $1) " + p
                        + "my_bookmark",
                "case when " + t + ".kind = 'COLLECTION' then " + count
                        + "content r where r.kind = 'RESOURCE' and r.collection_id = " + t
                        + ".id and r.deleted_at is null) end " + p + "resources",
                "case when " + t + ".kind = 'COLLECTION' then " + count + "follow f where f.collection_id = " + t
                        + ".id and f.state = 'ACCEPTED') end " + p + "followers",
                "case when " + t + ".kind = 'COLLECTION' then exists(select 1 from follow f where f.collection_id = "
                        + t + ".id and f.follower_id = $1) end " + p + "my_follow",
                "case when " + t + ".kind = 'THREAD' then " + count
                        + "content r where r.kind = 'COMMENT' and r.thread_id = " + t
                        + ".id and r.deleted_at is null) when " + t + ".kind = 'COMMENT' then " + count
                        + "content r where r.in_reply_to = " + t + ".id and r.deleted_at is null) end " + p
                        + "replies");
    }

    /** The view of a row selected with {@link #COLUMNS}, by its kind. */
    public static Content from(SqlRow r) {
        CommunityView community =
                Objects.requireNonNull(CommunityView.from(r, "m_"), "content's community is joined by its id");
        return switch (r.getString("kind")) {
            case "COLLECTION" ->
                Objects.requireNonNull(CollectionView.from(r, "", community), "a content row has an id");
            case "RESOURCE" -> ResourceView.from(r, community);
            case "THREAD" -> ThreadView.from(r, community);
            case "COMMENT" -> CommentView.from(r, community);
            default -> throw new IllegalStateException("unknown content kind " + r.getString("kind"));
        };
    }
}
