package org.lyceum.federation.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** An ActivityPub actor as JSON: Person, Group or Application, with its icon and banner ({@code image}); {@code summary} is
 * sanitized HTML, {@code source} its Markdown. Wire format only. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActorDocument(
        @JsonProperty("@context") List<Object> context,
        String id,
        String type,
        String preferredUsername,
        String name,
        @Nullable String summary,
        @Nullable Source source,
        @Nullable Image icon,
        @Nullable Image image,
        String inbox,
        String outbox,
        @Nullable String followers,
        @Nullable String featured,
        @Nullable String attributedTo,
        Boolean manuallyApprovesFollowers,
        @Nullable String published,
        Endpoints endpoints,
        PublicKey publicKey) {

    public static final List<Object> CONTEXT =
            List.of("https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1");

    /** An icon or banner: its URL, and its type when it is a file of this instance. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Image(String type, String url, @Nullable String mediaType) {}

    public record Endpoints(String sharedInbox) {}

    public record PublicKey(String id, String owner, String publicKeyPem) {}
}
