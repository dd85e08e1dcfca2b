package org.lyceum.media;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An upload as its row says: the served variants (largest first, with their sizes in bytes), the
 * type they are served as and the uploader's file name made safe. A copy of a remote icon or
 * banner (lyceum.media.cache-remote) has no owner.
 */
public record Media(
        UUID id,
        @Nullable UUID ownerId,
        MediaPurpose purpose,
        String mediaType,
        List<String> variants,
        List<Long> sizes,
        String sha256,
        String name,
        OffsetDateTime createdAt,
        @Nullable OffsetDateTime attachedAt,
        @Nullable OffsetDateTime removedAt) {

    /** The type of an upload's global id, which GraphQL's fileId, iconId and bannerId take. */
    public static final String TYPE = "Media";

    /** The variant a file kept as uploaded is stored as. */
    public static final String FILE = "file";

    /** The first (largest) variant's size: what the file is as served. */
    public long size() {
        return sizes.get(0);
    }

    /** The storage key of one variant. */
    public String key(String variant) {
        return key(id, variant);
    }

    public static String key(UUID id, String variant) {
        return id + "/" + variant;
    }
}
