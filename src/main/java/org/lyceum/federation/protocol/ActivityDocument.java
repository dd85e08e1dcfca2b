package org.lyceum.federation.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An activity as Lyceum sends it. {@code object} is an id or an embedded object or activity.
 * Wire format only.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActivityDocument(
        @JsonProperty("@context") @Nullable Object context,
        String id,
        String type,
        String actor,
        Object object,
        @Nullable List<String> to,
        @Nullable List<String> cc,
        @Nullable String audience,
        @Nullable String published,
        @Nullable String target,
        @Nullable String content,
        @Nullable String summary,
        @Nullable String expires) {

    public static final String CONTEXT = "https://www.w3.org/ns/activitystreams";

    public static ActivityDocument of(
            String id,
            String type,
            String actor,
            Object object,
            @Nullable List<String> to,
            @Nullable List<String> cc,
            @Nullable String audience,
            @Nullable String published) {
        return new ActivityDocument(
                CONTEXT, id, type, actor, object, to, cc, audience, published, null, null, null, null);
    }

    /** The same activity with a target (a Block's community) and a reason as text (Mastodon reads content, Lemmy summary). */
    public ActivityDocument with(@Nullable String target, @Nullable String reason, boolean asContent) {
        return new ActivityDocument(
                context,
                id,
                type,
                actor,
                object,
                to,
                cc,
                audience,
                published,
                target,
                asContent ? reason : null,
                reason,
                expires);
    }

    /** The same activity with an end (a temporary ban's Block, as Lemmy sends {@code expires}). */
    public ActivityDocument expiring(@Nullable String end) {
        return new ActivityDocument(
                context, id, type, actor, object, to, cc, audience, published, target, content, summary, end);
    }

    /** The same activity without its own context, for embedding in another. */
    public ActivityDocument embedded() {
        return new ActivityDocument(
                null, id, type, actor, object, to, cc, audience, published, target, content, summary, expires);
    }
}
