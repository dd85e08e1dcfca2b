package org.lyceum.content;

import org.eclipse.microprofile.graphql.Description;

/** The kinds of content, as the {@code content.kind} column names them. */
@Description("The kind of a piece of content: what a list of mixed content can be filtered by.")
public enum ContentKind {
    COLLECTION,
    RESOURCE,
    THREAD,
    COMMENT
}
