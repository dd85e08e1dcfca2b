package org.lyceum.search;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;

/** What {@code search} can find: every searchable kind of object. */
@Name("SearchKind")
@Description("The kinds of object search finds.")
public enum SearchKind {
    RESOURCE,
    COLLECTION,
    COMMUNITY,
    THREAD,
    COMMENT,
    PERSON
}
