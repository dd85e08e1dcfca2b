package org.lyceum.federation.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Content as Lyceum sends it: a thread is a Page (its first comment is the Page's content), a
 * comment a Note, a resource a Document whose link (a Link) or file (a Document) is the attachment, a collection an
 * OrderedCollection. Education metadata of resources uses the terms of {@link #LYCEUM_TERMS}.
 * Wire format only.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ObjectDocument(
        @JsonProperty("@context") @Nullable Object context,
        String id,
        String type,
        String attributedTo,
        @Nullable String name,
        @Nullable String content,
        @Nullable String mediaType,
        @Nullable Source source,
        @Nullable String inReplyTo,
        String audience,
        @Nullable List<String> to,
        @Nullable List<String> cc,
        @Nullable String url,
        @Nullable List<Attachment> attachment,
        String published,
        @Nullable String updated,
        @Nullable String partOf,
        @Nullable String about,
        @Nullable String license,
        @Nullable String inLanguage,
        @Nullable String educationalLevel,
        @Nullable String subject,
        @Nullable String learningResourceType,
        @Nullable String attribution,
        @Nullable List<Tag> tag) {

    public static final String LYCEUM_TERMS = "https://lyceum.social/ns#";

    /** The context of Lyceum's objects: ActivityStreams plus the education terms. */
    public static final List<Object> CONTEXT = List.of(
            "https://www.w3.org/ns/activitystreams",
            java.util.Map.of(
                    "lyceum",
                    LYCEUM_TERMS,
                    "partOf",
                    "lyceum:partOf",
                    "about",
                    "lyceum:about",
                    "license",
                    "lyceum:license",
                    "inLanguage",
                    "lyceum:inLanguage",
                    "educationalLevel",
                    "lyceum:educationalLevel",
                    "subject",
                    "lyceum:subject",
                    "learningResourceType",
                    "lyceum:learningResourceType",
                    "attribution",
                    "lyceum:attribution"));

    /** A mention in the content: the person's actor id and handle ({@code @name@host}), as Mastodon and Lemmy send it. */
    public record Tag(String type, String href, String name) {

        public static Tag mention(String href, String name) {
            return new Tag("Mention", href, name);
        }
    }

    /** What a resource carries: its link, or its file. */
    public sealed interface Attachment permits Link, Document {}

    /** A link resource's link, as Lemmy sends a post's link. */
    public record Link(String type, String href) implements Attachment {}

    /** A file resource's file, as Mastodon and Lemmy send a file: its URL, type and file name. */
    public record Document(String type, String url, String mediaType, String name) implements Attachment {

        public Document(String url, String mediaType, String name) {
            this("Document", url, mediaType, name);
        }
    }

    /** The same object without its own context, for embedding in an activity. */
    public ObjectDocument embedded() {
        return new ObjectDocument(
                null,
                id,
                type,
                attributedTo,
                name,
                content,
                mediaType,
                source,
                inReplyTo,
                audience,
                to,
                cc,
                url,
                attachment,
                published,
                updated,
                partOf,
                about,
                license,
                inLanguage,
                educationalLevel,
                subject,
                learningResourceType,
                attribution,
                tag);
    }
}
