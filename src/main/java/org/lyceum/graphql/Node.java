package org.lyceum.graphql;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Interface;
import org.eclipse.microprofile.graphql.NonNull;

/** Relay's Node: anything with an opaque global id that {@code node(id:)} can fetch again. */
@Interface("Node")
@Description("An object with an opaque global id; fetch it again with node(id:).")
public interface Node {

    @Id
    @NonNull
    String getId();
}
