package org.lyceum.resource;

import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lyceum.common.Check;
import org.lyceum.common.DomainException;
import org.lyceum.common.ErrorCode;
import org.lyceum.common.GlobalId;
import org.lyceum.media.Media;

/** A resource's editable fields, validated and normalised (codes are checked against the vocabularies separately). */
record ResourceFields(
        @Nullable String title,
        @Nullable String description,
        @Nullable String url,
        @Nullable UUID fileId,
        @Nullable String licence,
        @Nullable String language,
        @Nullable Integer level,
        @Nullable String subject,
        @Nullable String resourceType,
        @Nullable String attribution) {

    static final int ATTRIBUTION_MAX = 500;

    static ResourceFields of(ResourceInputs.Create in) {
        return new ResourceFields(
                Check.required("title", in.title(), Check.TITLE_MAX),
                Check.optional("description", in.description(), Check.SUMMARY_MAX),
                in.url() == null ? null : Check.requiredUrl("url", in.url()),
                file(in.url(), in.fileId(), true),
                code(in.licence()),
                code(in.language()),
                in.level(),
                code(in.subject()),
                code(in.resourceType()),
                Check.optional("attribution", in.attribution(), ATTRIBUTION_MAX));
    }

    /** For an update: null means unchanged, so only given fields are validated. */
    static ResourceFields of(ResourceInputs.Update in) {
        return new ResourceFields(
                in.title() == null ? null : Check.required("title", in.title(), Check.TITLE_MAX),
                Check.optional("description", in.description(), Check.SUMMARY_MAX),
                in.url() == null ? null : Check.requiredUrl("url", in.url()),
                file(in.url(), in.fileId(), false),
                code(in.licence()),
                code(in.language()),
                in.level(),
                code(in.subject()),
                code(in.resourceType()),
                Check.optional("attribution", in.attribution(), ATTRIBUTION_MAX));
    }

    /** A resource is a link or a file: exactly one of url and fileId (when creating; at most one when updating). */
    private static @Nullable UUID file(@Nullable String url, @Nullable String fileId, boolean creating) {
        if (url != null && fileId != null) {
            throw new DomainException(ErrorCode.INVALID_INPUT, "give either url or fileId, not both");
        }
        if (creating && url == null && fileId == null) {
            throw new DomainException(ErrorCode.INVALID_INPUT, "url or fileId: a resource is a link or a file");
        }
        return fileId == null ? null : GlobalId.uuid("fileId", fileId, Media.TYPE);
    }

    private static @Nullable String code(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
