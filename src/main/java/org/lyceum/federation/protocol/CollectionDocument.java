package org.lyceum.federation.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** An OrderedCollection or one of its pages (outbox, followers, featured, moderators). Wire format only. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CollectionDocument(
        @JsonProperty("@context") String context,
        String id,
        String type,
        @Nullable Long totalItems,
        @Nullable String first,
        @Nullable String next,
        @Nullable String partOf,
        @Nullable List<Object> orderedItems) {

    public static CollectionDocument collection(
            String id, @Nullable Long total, @Nullable String first, @Nullable List<Object> items) {
        return new CollectionDocument(
                ActivityDocument.CONTEXT, id, "OrderedCollection", total, first, null, null, items);
    }

    public static CollectionDocument page(String id, String partOf, @Nullable String next, List<Object> items) {
        return new CollectionDocument(
                ActivityDocument.CONTEXT, id, "OrderedCollectionPage", null, null, next, partOf, items);
    }
}
