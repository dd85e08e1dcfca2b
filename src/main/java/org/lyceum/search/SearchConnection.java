package org.lyceum.search;

import io.smallrye.mutiny.Uni;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.jspecify.annotations.Nullable;
import org.lyceum.graphql.Node;
import org.lyceum.graphql.PageInfo;

/** A page of search results; totalCount and facets are loaded only when selected. */
@Name("SearchConnection")
public record SearchConnection(
        @NonNull List<@NonNull Edge> edges,
        @NonNull PageInfo pageInfo,
        @Ignore Uni<Long> total,
        @Ignore Uni<SearchFacets> facetCounts) {

    /** One result, with the snippet of its text that matched. */
    @Name("SearchEdge")
    public record Edge(
            @NonNull String cursor,
            @NonNull Node node,
            @Description("Where the query matched, as plain text; null without query text.") @Nullable
                    Snippet highlight,
            @Description("The server the object comes from; null for this instance's own.") @Nullable String host) {}

    /** Plain text (never HTML) and where the query matched in it, so a frontend marks matches itself. */
    @Name("Snippet")
    public record Snippet(
            @NonNull String text,
            @NonNull @Description("Offsets in UTF-16 code units, as JavaScript strings count them.")
                    List<@NonNull TextRange> matches) {}

    /** A matched stretch of a snippet. */
    @Name("TextRange")
    public record TextRange(@NonNull Integer start, @NonNull Integer length) {}
}
