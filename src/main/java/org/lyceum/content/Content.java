package org.lyceum.content;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Interface;
import org.eclipse.microprofile.graphql.NonNull;
import org.lyceum.graphql.Node;

/** What lives in a community: collections, resources, threads and comments. */
@Interface("Content")
@Description("A collection, resource, thread or comment; use inline fragments for the fields of each.")
public interface Content extends Node {

    @Override
    @Id
    @NonNull
    String getId();
}
