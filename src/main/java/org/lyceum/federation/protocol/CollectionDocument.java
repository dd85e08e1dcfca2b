package org.lyceum.federation.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** An OrderedCollection or one of its pages (outbox, followers, featured, moderators). Wire format only. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CollectionDocument(
        @JsonProperty("@context") String context,
        String id,
        String type,
        Long totalItems,
        String first,
        String next,
        String partOf,
        List<Object> orderedItems) {

    public static CollectionDocument collection(String id, Long total, String first, List<Object> items) {
        return new CollectionDocument(
                ActivityDocument.CONTEXT, id, "OrderedCollection", total, first, null, null, items);
    }

    public static CollectionDocument page(String id, String partOf, String next, List<Object> items) {
        return new CollectionDocument(
                ActivityDocument.CONTEXT, id, "OrderedCollectionPage", null, null, next, partOf, items);
    }
}
