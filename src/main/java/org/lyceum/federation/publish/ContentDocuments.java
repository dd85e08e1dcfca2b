package org.lyceum.federation.publish;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lyceum.database.Sql;
import org.lyceum.database.SqlRow;
import org.lyceum.federation.protocol.Json;
import org.lyceum.federation.protocol.ObjectDocument;
import org.lyceum.federation.protocol.Source;
import org.lyceum.instance.InstanceConfig;
import org.lyceum.media.Media;
import org.lyceum.media.MediaRows;
import org.lyceum.media.MediaUrls;
import org.lyceum.text.Texts;

/**
 * Content as ActivityPub objects (see {@link ObjectDocument}). A thread's first comment is the
 * Page's content and has no object of its own: replies to it reply to the Page. A file resource's
 * {@code url} is its file's public URL, and the file is its attachment.
 */
@ApplicationScoped
public class ContentDocuments {

    /** A content row as an object, or what is left of it; {@code mentioned} the people its text mentions. */
    public record Found(
            @Nullable ObjectDocument document,
            String apId,
            String formerType,
            @Nullable String deletedAt,
            boolean local,
            boolean isPublic,
            List<Mentioned> mentioned) {

        /** The remote people mentioned: they are addressed (cc) and their inboxes get the activity. */
        public List<Mentioned> remoteMentioned() {
            return mentioned.stream().filter(m -> m.inbox() != null).toList();
        }
    }

    /** A person the text mentions: actor id, {@code @name@host}, and the inbox of a remote one (null for ours). */
    public record Mentioned(String apId, String handle, @Nullable String inbox) {}

    private static final String SELECT =
            "select c.id, c.ap_id, c.kind, c.host, c.title, c.body, c.body_html, c.url, c.created_at, c.updated_at,"
                    + " c.deleted_at, c.licence, c.language, c.level, c.subject, c.resource_type, c.attribution, c.position,"
                    + " m.ap_id community_ap_id, m.visibility, m.deleted_at community_deleted, p.ap_id author_ap_id, th.ap_id thread_ap_id,"
                    + " case when pr.kind = 'COMMENT' and pr.in_reply_to is null then th.ap_id else pr.ap_id end parent_ap_id,"
                    + " fc.body thread_body, fc.body_html thread_body_html, col.ap_id collection_ap_id, ab.ap_id about_ap_id, "
                    // The people the text mentions (a thread's are its first comment's), as parallel arrays.
                    + mentions("mp.ap_id", "ap") + ", " + mentions("mp.username", "name") + ", "
                    + mentions("coalesce(mp.host, '')", "host") + ", "
                    + mentions("coalesce(mp.shared_inbox, mp.inbox, '')", "inbox") + ", "
                    + MediaRows.columns("f", "f_")
                    + " from content c join community m on m.id = c.community_id join person p on p.id = c.author_id"
                    + " left join media f on f.id = c.file_id"
                    + " left join content pr on pr.id = c.in_reply_to left join content th on th.id = c.thread_id"
                    + " left join content col on col.id = c.collection_id left join content ab on ab.id = c.about_id"
                    + " left join lateral (select fc.id, fc.body, fc.body_html from content fc where fc.thread_id = c.id"
                    + " and fc.kind = 'COMMENT' and fc.in_reply_to is null order by fc.created_at limit 1) fc on c.kind = 'THREAD'";

    private static String mentions(String column, String name) {
        return "array(select " + column + " from mention mn join person mp on mp.id = mn.person_id"
                + " where mn.content_id = coalesce(fc.id, c.id) order by mp.ap_id) mentioned_" + name;
    }

    private final Sql sql;
    private final MediaUrls urls;
    private final String localHost;

    ContentDocuments(Sql sql, MediaUrls urls, InstanceConfig instance) {
        this.sql = sql;
        this.urls = urls;
        this.localHost = org.lyceum.federation.Authority.of(java.net.URI.create(instance.baseUrl()));
    }

    /** The object of a content row; a thread's first comment stands for its thread. */
    public Uni<Found> byId(Sql on, UUID id) {
        return on.one(
                SELECT + " where c.id = coalesce((select thread_id from content where id = $1 and kind = 'COMMENT'"
                        + " and in_reply_to is null), $1)",
                this::found,
                id);
    }

    public Uni<Found> byId(UUID id) {
        return byId(sql, id);
    }

    /** Several rows at once, in the order given; missing ones left out. */
    public Uni<List<Found>> byIds(List<UUID> ids) {
        return sql.list(SELECT + " where c.id = any($1) order by array_position($1, c.id)", this::found, (Object)
                ids.toArray(UUID[]::new));
    }

    Found found(SqlRow r) {
        String kind = r.getString("kind");
        String type =
                switch (kind) {
                    case "THREAD" -> "Page";
                    case "COMMENT" -> "Note";
                    case "RESOURCE" -> "Document";
                    default -> "OrderedCollection";
                };
        boolean isPublic = "PUBLIC".equals(r.getString("visibility")) || "UNLISTED".equals(r.getString("visibility"));
        boolean local = r.getString("host") == null;
        if (r.getOffsetDateTime("deleted_at") != null || r.getOffsetDateTime("community_deleted") != null) {
            var at = r.getOffsetDateTime("deleted_at") != null
                    ? r.getOffsetDateTime("deleted_at")
                    : r.getOffsetDateTime("community_deleted");
            return new Found(
                    null,
                    r.getString("ap_id"),
                    type,
                    DateTimeFormatter.ISO_INSTANT.format(at),
                    local,
                    isPublic,
                    List.of());
        }
        String community = r.getString("community_ap_id");
        List<Mentioned> mentioned = mentioned(r);
        List<String> to = isPublic ? List.of(Json.PUBLIC) : List.of(community);
        List<String> cc = null;
        if (isPublic) {
            // Mentioned people elsewhere are addressed; a private community's text goes to its members only.
            List<String> all = new ArrayList<>();
            all.add(community);
            mentioned.stream().filter(m -> m.inbox() != null).forEach(m -> all.add(m.apId()));
            cc = all;
        }
        boolean resource = kind.equals("RESOURCE");
        Media file = resource ? MediaRows.from(r, "f_") : null;
        String url = null;
        List<ObjectDocument.Attachment> attachment = null;
        if (file != null) {
            url = urls.publicUrl(file, null);
            attachment = List.of(new ObjectDocument.Document(url, file.mediaType(), file.name()));
        } else if (resource) {
            url = r.getString("url");
            attachment = List.of(new ObjectDocument.Link("Link", url));
        }
        String text = kind.equals("THREAD") ? r.getString("thread_body") : r.getString("body");
        String html =
                Texts.htmlOr(kind.equals("THREAD") ? r.getString("thread_body_html") : r.getString("body_html"), text);
        // Our rows' text is Markdown; another server's is its sanitized HTML (source and HTML the same) unless it
        // sent Markdown too.
        Source source = text != null && (local || !text.equals(html)) ? Source.markdown(text) : null;
        String updated = r.getOffsetDateTime("updated_at").isAfter(r.getOffsetDateTime("created_at"))
                ? DateTimeFormatter.ISO_INSTANT.format(r.getOffsetDateTime("updated_at"))
                : null;
        ObjectDocument doc = new ObjectDocument(
                ObjectDocument.CONTEXT,
                r.getString("ap_id"),
                type,
                r.getString("author_ap_id"),
                r.getString("title"),
                html,
                html == null ? null : "text/html",
                source,
                kind.equals("COMMENT") ? r.getString("parent_ap_id") : null,
                community,
                to,
                cc,
                url,
                attachment,
                DateTimeFormatter.ISO_INSTANT.format(r.getOffsetDateTime("created_at")),
                updated,
                r.getString("collection_ap_id"),
                r.getString("about_ap_id"),
                r.getString("licence"),
                r.getString("language"),
                r.getShort("level") == null ? null : "ISCED-" + r.getShort("level"),
                r.getString("subject"),
                r.getString("resource_type"),
                r.getString("attribution"),
                isPublic && !mentioned.isEmpty()
                        ? mentioned.stream()
                                .map(m -> ObjectDocument.Tag.mention(m.apId(), m.handle()))
                                .toList()
                        : null);
        return new Found(doc, r.getString("ap_id"), type, null, local, isPublic, isPublic ? mentioned : List.of());
    }

    private List<Mentioned> mentioned(SqlRow r) {
        String[] ap = r.getArrayOfStrings("mentioned_ap");
        String[] name = r.getArrayOfStrings("mentioned_name");
        String[] host = r.getArrayOfStrings("mentioned_host");
        String[] inbox = r.getArrayOfStrings("mentioned_inbox");
        List<Mentioned> out = new ArrayList<>(ap.length);
        for (int i = 0; i < ap.length; i++) {
            boolean ours = host[i].isEmpty();
            out.add(new Mentioned(
                    ap[i],
                    "@" + name[i] + "@" + (ours ? localHost : host[i]),
                    ours || inbox[i].isEmpty() ? null : inbox[i]));
        }
        return out;
    }
}
