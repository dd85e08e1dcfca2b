package org.lyceum.media;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.lyceum.common.DomainException;
import org.lyceum.common.ErrorCode;
import org.lyceum.common.GlobalId;
import org.lyceum.database.Columns;
import org.lyceum.database.Sql;
import org.lyceum.database.SqlRow;

/** The media table in plain SQL. */
@ApplicationScoped
public class MediaRows {

    static final String COLUMNS = "m.id, m.owner_id, m.purpose, m.media_type, m.variants, m.sizes, m.sha256, m.name,"
            + " m.created_at, m.attached_at, m.removed_at";

    /** A resource using the file, not deleted, nor its collection, nor its community ({@code c}). */
    private static final String LIVE_RESOURCE = " left join content col on col.id = ct.collection_id"
            + " where ct.file_id = m.id and ct.deleted_at is null and col.deleted_at is null and c.deleted_at is null";

    /**
     * Who may fetch a file: anyone when something public shows it (a profile, a community's icon or
     * banner, a resource of a community that is not private); with a signed URL when it is a
     * private community's resource or not attached yet; nobody when only deleted content refers to it.
     */
    private static final String SERVING = "select " + COLUMNS + ","
            + " (exists (select 1 from person p where p.icon_id = m.id or p.banner_id = m.id)"
            + "  or exists (select 1 from community c where (c.icon_id = m.id or c.banner_id = m.id)"
            + "             and c.deleted_at is null)"
            + "  or exists (select 1 from content ct join community c on c.id = ct.community_id" + LIVE_RESOURCE
            + "             and c.visibility <> 'PRIVATE')) public_use,"
            + " (m.attached_at is null"
            + "  or exists (select 1 from content ct join community c on c.id = ct.community_id" + LIVE_RESOURCE
            + ") or exists (select 1 from data_export x where x.media_id = m.id and x.expires_at > now())) signed_use"
            + " from media m where m.id = $1 and m.removed_at is null";

    private final Sql sql;

    MediaRows(Sql sql) {
        this.sql = sql;
    }

    /** How a file may be served. */
    public enum Access {
        PUBLIC,
        SIGNED,
        NONE
    }

    /** A stored file and how it may be served. */
    public record Served(Media media, Access access) {}

    public Uni<@Nullable Served> serving(UUID id) {
        return sql.one(
                SERVING,
                r -> new Served(
                        media(r),
                        r.getBoolean("public_use")
                                ? Access.PUBLIC
                                : r.getBoolean("signed_use") ? Access.SIGNED : Access.NONE),
                id);
    }

    public Uni<@Nullable Media> find(UUID id) {
        return sql.one("select " + COLUMNS + " from media m where m.id = $1", MediaRows::media, id);
    }

    /**
     * Bytes this person's files take, all variants counted; files of deleted content stop counting
     * once the cleanup job has released them (their bytes are kept for the grace period all the same).
     */
    public Uni<Long> used(UUID owner) {
        return sql.one(
                "select coalesce(sum(s), 0)::bigint used from media m, unnest(m.sizes) s"
                        + " where m.owner_id = $1 and m.removed_at is null and m.released_at is null",
                r -> r.getLong("used"),
                owner);
    }

    /**
     * Records a stored upload unless it takes its owner past the quota (then QUOTA_EXCEEDED, and
     * nothing is written). The owner's uploads are serialised by a transaction lock, so two at
     * once cannot both fit in the room left for one.
     */
    public Uni<Media> insert(Media media, long quota) {
        UUID owner = java.util.Objects.requireNonNull(media.ownerId(), "an upload has an owner");
        long total = media.sizes().stream().mapToLong(Long::longValue).sum();
        return sql.transaction(tx -> tx.one(
                        "select pg_advisory_xact_lock(hashtext('media-quota'), hashtext($1::text)) is null locked",
                        r -> r.getBoolean("locked"),
                        owner.toString()) // $1 is text here: the client will not send a UUID as text
                .chain(() -> tx.one(
                        "select coalesce(sum(s), 0)::bigint used from media m, unnest(m.sizes) s"
                                + " where m.owner_id = $1 and m.removed_at is null and m.released_at is null",
                        r -> r.getLong("used"),
                        owner))
                .chain(used -> {
                    if (used + total > quota) {
                        throw new DomainException(
                                ErrorCode.QUOTA_EXCEEDED,
                                "this file would take your uploads past your quota of " + quota + " bytes (" + used
                                        + " used); delete resources with files you no longer need");
                    }
                    return insert(tx, media, false);
                }));
    }

    /**
     * Records a copy of a remote icon or banner: no owner, no quota, attached from the start (the
     * remote row refers to it next; if it no longer wants it, media-cleanup releases it).
     */
    public Uni<Media> insertRemote(Media media) {
        return insert(sql, media, true);
    }

    /**
     * Records a data export's archive in the caller's transaction: attached from the start, outside
     * the quota (the server made it); it is served signed until its export expires (docs/media.md).
     */
    public Uni<Media> insertExport(Sql tx, Media media) {
        return insert(tx, media, true);
    }

    private static Uni<Media> insert(Sql tx, Media media, boolean attached) {
        return tx.one(
                "insert into media (id, owner_id, purpose, media_type, variants, sizes, sha256, name, attached_at)"
                        + " values ($1, $2, $3, $4, $5, $6, $7, $8, case when $9 then now() end) returning "
                        + COLUMNS.replace("m.", ""),
                MediaRows::media,
                media.id(),
                media.ownerId(),
                media.purpose().name(),
                media.mediaType(),
                media.variants().toArray(String[]::new),
                media.sizes().toArray(Long[]::new),
                media.sha256(),
                media.name(),
                attached);
    }

    /**
     * Attaches an upload for this purpose in the caller's transaction: only its uploader may, only
     * for what it was uploaded for, and never one whose bytes are gone. Attached again (a file
     * referred to twice) it stays attached; released, it is taken back.
     */
    public Uni<Media> attach(Sql tx, String field, UUID id, UUID owner, MediaPurpose purpose) {
        return tx.one(
                        "update media m set attached_at = coalesce(m.attached_at, now()), released_at = null"
                                + " where m.id = $1 and m.owner_id = $2 and m.removed_at is null returning " + COLUMNS,
                        MediaRows::media,
                        id,
                        owner)
                .map(media -> {
                    if (media == null) {
                        throw DomainException.notFound(field + ": no upload of yours has this id");
                    }
                    if (media.purpose() != purpose) {
                        throw new DomainException(
                                ErrorCode.INVALID_INPUT,
                                field + ": this upload was made for " + media.purpose() + ", not " + purpose
                                        + " (POST /uploads?purpose=" + purpose + ")");
                    }
                    return media;
                });
    }

    /** The icon and banner an input chose: each null when left as it is or removed (see {@link #attachImage}). */
    public record Images(@Nullable UUID iconId, @Nullable UUID bannerId) {}

    /** The iconId and bannerId inputs of a profile or community, attached in the caller's transaction. */
    public Uni<Images> attachImages(Sql tx, @Nullable String iconId, @Nullable String bannerId, UUID owner) {
        return attachImage(tx, "iconId", iconId, owner, MediaPurpose.ICON)
                .chain(icon -> attachImage(tx, "bannerId", bannerId, owner, MediaPurpose.BANNER)
                        .map(banner -> new Images(icon, banner)));
    }

    /**
     * An iconId or bannerId input, in the caller's transaction: null leaves the image as it is, an
     * empty string removes it (null is returned for both; the caller tells them apart by the input),
     * an upload's id attaches it.
     */
    public Uni<@Nullable UUID> attachImage(
            Sql tx, String field, @Nullable String globalId, UUID owner, MediaPurpose purpose) {
        if (globalId == null || globalId.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        UUID id = GlobalId.uuid(field, globalId, Media.TYPE);
        return attach(tx, field, id, owner, purpose).map(Media::id);
    }

    /**
     * Select-list items for a media row joined as {@code alias} (federation joins icons, banners and
     * resources' files this way, so an actor or an object stays one statement).
     */
    public static String columns(String alias, String prefix) {
        return String.join(
                ", ",
                Stream.of(COLUMNS.split(", *"))
                        .map(c -> c.substring(2))
                        .map(c -> alias + "." + c + " " + prefix + c)
                        .toList());
    }

    /** The media row in the columns with this prefix, or null when the outer join found none. */
    public static @Nullable Media from(SqlRow r, String prefix) {
        if (r.getUUID(Columns.prefixed(prefix, "id")) == null) {
            return null;
        }
        return new Media(
                r.getUUID(Columns.prefixed(prefix, "id")),
                r.getUUID(Columns.prefixed(prefix, "owner_id")),
                MediaPurpose.valueOf(r.getString(Columns.prefixed(prefix, "purpose"))),
                r.getString(Columns.prefixed(prefix, "media_type")),
                List.of(r.getArrayOfStrings(Columns.prefixed(prefix, "variants"))),
                Arrays.asList(r.getArrayOfLongs(Columns.prefixed(prefix, "sizes"))),
                r.getString(Columns.prefixed(prefix, "sha256")),
                r.getString(Columns.prefixed(prefix, "name")),
                r.getOffsetDateTime(Columns.prefixed(prefix, "created_at")),
                r.getOffsetDateTime(Columns.prefixed(prefix, "attached_at")),
                r.getOffsetDateTime(Columns.prefixed(prefix, "removed_at")));
    }

    static Media media(SqlRow r) {
        return new Media(
                r.getUUID("id"),
                r.getUUID("owner_id"),
                MediaPurpose.valueOf(r.getString("purpose")),
                r.getString("media_type"),
                List.of(r.getArrayOfStrings("variants")),
                Arrays.asList(r.getArrayOfLongs("sizes")),
                r.getString("sha256"),
                r.getString("name"),
                r.getOffsetDateTime("created_at"),
                r.getOffsetDateTime("attached_at"),
                r.getOffsetDateTime("removed_at"));
    }
}
