package org.lyceum.search;

import graphql.schema.DataFetchingEnvironment;
import io.smallrye.graphql.api.Context;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;
import org.lyceum.common.PageRequest;
import org.lyceum.resource.TermView;

/** The search query and the lazily read parts of its connection. */
@GraphQLApi
public class SearchGraphQL {

    private final SearchService search;
    private final Context context;

    SearchGraphQL(SearchService search, Context context) {
        this.search = search;
        this.context = context;
    }

    @Query("search")
    @Description(
            "Resources, collections, communities, threads, comments and people the caller may see, by text"
                    + " (websearch syntax: \"a phrase\", -exclude, OR) and filters; without text it browses. See docs/search.md.")
    public Uni<@NonNull SearchConnection> search(
            @Name("query") String query,
            @Name("filter") SearchFilter filter,
            @Name("sort") SearchSort sort,
            @Name("first") Integer first,
            @Name("after") String after,
            @Name("last") Integer last,
            @Name("before") String before) {
        boolean facets =
                context.unwrap(DataFetchingEnvironment.class).getSelectionSet().contains("facets");
        return search.search(query, filter, sort, PageRequest.of(first, after, last, before), facets);
    }

    @Description("All results the caller may see, not just this page.")
    public Uni<@NonNull Integer> totalCount(@Source SearchConnection connection) {
        return connection.total().map(Long::intValue);
    }

    @Description("Resources the caller may see that carry this term; a broad subject counts its narrow fields.")
    public Uni<@NonNull Integer> resourceCount(@Source TermView term) {
        return search.resourceCount(term);
    }

    @Description("Counts of all results by kind and by each resource field.")
    public Uni<@NonNull SearchFacets> facets(@Source SearchConnection connection) {
        return connection.facetCounts();
    }
}
