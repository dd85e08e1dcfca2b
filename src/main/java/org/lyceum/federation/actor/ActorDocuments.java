package org.lyceum.federation.actor;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lyceum.database.Sql;
import org.lyceum.database.SqlRow;
import org.lyceum.federation.protocol.ActorDocument;
import org.lyceum.federation.protocol.Html;
import org.lyceum.federation.protocol.Source;
import org.lyceum.instance.InstanceConfig;
import org.lyceum.media.Media;
import org.lyceum.media.MediaRows;
import org.lyceum.media.MediaUrls;
import org.lyceum.text.Texts;

/**
 * The ActivityPub documents of this instance's people, communities and of the instance itself. An
 * uploaded icon or banner goes out as its public URL; a URL set otherwise goes out as it is.
 */
@ApplicationScoped
public class ActorDocuments {

    /** An actor document, or the time its actor was deleted. */
    public record Found(@Nullable ActorDocument document, @Nullable String deletedAt, String id, String formerType) {}

    /** The actor's uploaded icon and banner, when their bytes are still stored. */
    private static final String IMAGES = MediaRows.columns("i", "i_") + ", " + MediaRows.columns("b", "b_");

    private static final String IMAGE_JOINS = " left join media i on i.id = a.icon_id and i.removed_at is null"
            + " left join media b on b.id = a.banner_id and b.removed_at is null";

    /** The icon size sent to peers (Mastodon shows avatars at up to 400 px). */
    private static final String ICON_SIZE = "400";

    private final Sql sql;
    private final ActorKeys keys;
    private final InstanceConfig instance;
    private final MediaUrls urls;

    ActorDocuments(Sql sql, ActorKeys keys, InstanceConfig instance, MediaUrls urls) {
        this.sql = sql;
        this.keys = keys;
        this.instance = instance;
        this.urls = urls;
    }

    public Uni<Found> person(UUID id) {
        return sql.one(
                        "select a.ap_id, a.username, a.display_name, a.summary, a.summary_html, a.icon_url, a.banner_url, a.created_at, "
                                + "a.deleted_at, " + IMAGES + " from person a" + IMAGE_JOINS
                                + " where a.id = $1 and a.host is null",
                        r -> r,
                        id)
                .chain(r -> r == null
                        ? Uni.createFrom().nullItem()
                        : r.getOffsetDateTime("deleted_at") != null
                                ? Uni.createFrom()
                                        .item(new Found(
                                                null,
                                                DateTimeFormatter.ISO_INSTANT.format(r.getOffsetDateTime("deleted_at")),
                                                r.getString("ap_id"),
                                                "Person"))
                                : keys.publicKeyOf(r.getString("ap_id"))
                                        .map(key -> new Found(
                                                document(
                                                        r,
                                                        "Person",
                                                        r.getString("username"),
                                                        r.getString("display_name"),
                                                        key,
                                                        false),
                                                null,
                                                r.getString("ap_id"),
                                                "Person")));
    }

    public Uni<Found> community(UUID id) {
        return sql.one(
                        "select a.ap_id, a.name, a.title, a.summary, a.summary_html, a.icon_url, a.banner_url, a.visibility, a.created_at,"
                                + " a.deleted_at, " + IMAGES + " from community a" + IMAGE_JOINS
                                + " where a.id = $1 and a.host is null",
                        r -> r,
                        id)
                .chain(r -> {
                    if (r == null) {
                        return Uni.createFrom().nullItem();
                    }
                    if (r.getOffsetDateTime("deleted_at") != null) {
                        return Uni.createFrom()
                                .item(new Found(
                                        null,
                                        DateTimeFormatter.ISO_INSTANT.format(r.getOffsetDateTime("deleted_at")),
                                        r.getString("ap_id"),
                                        "Group"));
                    }
                    return keys.publicKeyOf(r.getString("ap_id"))
                            .map(key -> new Found(
                                    document(
                                            r,
                                            "Group",
                                            r.getString("name"),
                                            r.getString("title"),
                                            key,
                                            "PRIVATE".equals(r.getString("visibility"))),
                                    null,
                                    r.getString("ap_id"),
                                    "Group"));
                });
    }

    /** The instance's own actor, which signs fetches and reports. */
    public Uni<Found> instanceActor() {
        String id = instance.baseUrl() + "/actor";
        return keys.publicKeyOf(id)
                .map(key -> new Found(
                        new ActorDocument(
                                ActorDocument.CONTEXT,
                                id,
                                "Application",
                                java.net.URI.create(instance.baseUrl()).getHost(),
                                instance.name(),
                                Html.fromText(instance.description()),
                                null,
                                null,
                                null,
                                id + "/inbox",
                                id + "/outbox",
                                null,
                                null,
                                null,
                                true,
                                null,
                                new ActorDocument.Endpoints(instance.baseUrl() + "/inbox"),
                                new ActorDocument.PublicKey(key.keyId(), id, key.pem())),
                        null,
                        id,
                        "Application"));
    }

    private ActorDocument document(
            SqlRow r, String type, String handle, String name, ActorKeys.PublicKey key, boolean approves) {
        String id = r.getString("ap_id");
        boolean group = type.equals("Group");
        String summary = r.getString("summary");
        return new ActorDocument(
                ActorDocument.CONTEXT,
                id,
                type,
                handle,
                name,
                // The HTML stored at write time (rendered now for rows from before it was), and its Markdown.
                Texts.htmlOr(r.getString("summary_html"), summary),
                summary == null ? null : Source.markdown(summary),
                image(MediaRows.from(r, "i_"), ICON_SIZE, r.getString("icon_url")),
                image(MediaRows.from(r, "b_"), null, r.getString("banner_url")),
                id + "/inbox",
                id + "/outbox",
                id + "/followers",
                group ? id + "/featured" : null,
                group ? id + "/moderators" : null,
                approves,
                DateTimeFormatter.ISO_INSTANT.format(r.getOffsetDateTime("created_at")),
                new ActorDocument.Endpoints(instance.baseUrl() + "/inbox"),
                new ActorDocument.PublicKey(key.keyId(), id, key.pem()));
    }

    /** An uploaded image as its public URL (this size, else the largest), else the URL federation brought. */
    private ActorDocument.@Nullable Image image(@Nullable Media media, @Nullable String size, @Nullable String url) {
        if (media != null) {
            String variant = size != null && media.variants().contains(size) ? size : null;
            return new ActorDocument.Image("Image", urls.publicUrl(media, variant), media.mediaType());
        }
        return url == null ? null : new ActorDocument.Image("Image", url, null);
    }
}
