package org.lyceum.search;

import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;

/** Narrows a search; every list is "any of", and the lists are combined with "and". */
@Name("SearchFilter")
@Description("Every list matches any of its values; filters combine with AND. At most 20 values per list.")
public record SearchFilter(
        List<SearchKind> kinds,
        @Description("ISCED-F codes; a broad field includes its narrow fields.") List<String> subjects,
        @Description("ISCED 2011 levels, 0-8.") List<Integer> levels,
        @Description("ISO 639-1 codes. Exactly one with a stemming configuration also stems the query.")
                List<String> languages,
        @Description("SPDX ids.") List<String> licences,
        List<String> resourceTypes,
        @Description("Content of this community.") @Id String communityId,
        @Description("Content this person created.") @Id String authorId,
        @Description("true: only this instance's objects; false: only those federation brought.") Boolean local) {}
