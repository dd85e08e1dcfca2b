package org.lyceum.media;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.lyceum.media.image.ImagePurpose;

/** What an upload is for (POST /uploads?purpose=...): it decides its size limit, types and processing. */
public enum MediaPurpose {
    RESOURCE(null),
    ICON(ImagePurpose.ICON),
    BANNER(ImagePurpose.BANNER),
    /** A data export's archive: made by the server (org.lyceum.export), never uploaded. */
    EXPORT(null);

    private final @Nullable ImagePurpose image;

    MediaPurpose(@Nullable ImagePurpose image) {
        this.image = image;
    }

    /** The image sizes made of an upload for this purpose; empty for a resource's file. */
    public Optional<ImagePurpose> image() {
        return Optional.ofNullable(image);
    }

    public long maxSize(MediaConfig config) {
        return switch (this) {
            case RESOURCE -> config.maxSize().resource().asLongValue();
            case ICON -> config.maxSize().icon().asLongValue();
            case BANNER -> config.maxSize().banner().asLongValue();
            case EXPORT -> 0;
        };
    }

    public List<String> allowedTypes(MediaConfig config) {
        return switch (this) {
            case RESOURCE -> config.allowedTypes().resource();
            case ICON -> config.allowedTypes().icon();
            case BANNER -> config.allowedTypes().banner();
            case EXPORT -> List.of();
        };
    }

    /** Whether the allowlist takes this type: an exact entry or {@code type/*}. */
    public boolean allows(MediaConfig config, String mediaType) {
        String major = mediaType.substring(0, Math.max(0, mediaType.indexOf('/')));
        for (String allowed : allowedTypes(config)) {
            String entry = allowed.trim().toLowerCase(Locale.ROOT);
            if (entry.equals(mediaType) || (entry.endsWith("/*") && entry.equals(major + "/*"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The upload purpose a query parameter names, case-insensitively; RESOURCE when absent; null
     * when unknown or not one that is uploaded.
     */
    public static @Nullable MediaPurpose parse(@Nullable String value) {
        if (value == null || value.isEmpty()) {
            return RESOURCE;
        }
        for (MediaPurpose purpose : values()) {
            if (purpose != EXPORT && purpose.name().equalsIgnoreCase(value)) {
                return purpose;
            }
        }
        return null;
    }
}
