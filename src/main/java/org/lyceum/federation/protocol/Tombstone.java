package org.lyceum.federation.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/** What a deleted object answers, with 410 Gone. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Tombstone(
        @JsonProperty("@context") String context, String id, String type, String formerType, @Nullable String deleted) {

    public static Tombstone of(String id, String formerType, @Nullable String deleted) {
        return new Tombstone("https://www.w3.org/ns/activitystreams", id, "Tombstone", formerType, deleted);
    }
}
