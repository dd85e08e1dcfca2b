package org.lyceum.search;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;

/** The orders of search results; docs/search.md gives RELEVANCE's formula. */
@Name("SearchSort")
@Description("RELEVANCE is the default with query text, NEWEST without (RELEVANCE without text means NEWEST).")
public enum SearchSort {
    @Description("Best text match first; see docs/search.md.")
    RELEVANCE,
    @Description("Newest first.")
    NEWEST,
    @Description("Most liked, followed and bookmarked first, newer content needing fewer votes.")
    POPULAR
}
