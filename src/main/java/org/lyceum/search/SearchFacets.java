package org.lyceum.search;

import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.jspecify.annotations.Nullable;

/** How many of all results (not just the page) carry each value, most common first. */
@Name("SearchFacets")
@Description("Counts over all results the caller may see, most common first; a count equals the totalCount"
        + " of the same search filtered by that value.")
public record SearchFacets(
        @NonNull List<@NonNull FacetCount> kinds,
        @NonNull List<@NonNull FacetCount> subjects,
        @NonNull @Description("Level codes as strings, \"0\" to \"8\".") List<@NonNull FacetCount> levels,
        @NonNull List<@NonNull FacetCount> languages,
        @NonNull List<@NonNull FacetCount> licences,
        @NonNull List<@NonNull FacetCount> resourceTypes) {

    /** One value of a facet and how many results carry it. */
    @Name("FacetCount")
    public record FacetCount(@NonNull String code, @Nullable String label, @NonNull Integer count) {}
}
