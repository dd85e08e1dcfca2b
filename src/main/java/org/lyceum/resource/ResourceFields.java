package org.lyceum.resource;

import org.jspecify.annotations.Nullable;
import org.lyceum.common.Check;

/** A resource's editable fields, validated and normalised (codes are checked against the vocabularies separately). */
record ResourceFields(
        @Nullable String title,
        @Nullable String description,
        @Nullable String url,
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
                Check.requiredUrl("url", in.url()),
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
                code(in.licence()),
                code(in.language()),
                in.level(),
                code(in.subject()),
                code(in.resourceType()),
                Check.optional("attribution", in.attribution(), ATTRIBUTION_MAX));
    }

    private static @Nullable String code(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
