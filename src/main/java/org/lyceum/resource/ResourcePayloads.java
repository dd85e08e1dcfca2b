package org.lyceum.resource;

import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.lyceum.content.CollectionView;
import org.lyceum.content.ResourceView;

public final class ResourcePayloads {

    private ResourcePayloads() {}

    @Name("CollectionPayload")
    public record OfCollection(@NonNull CollectionView collection) {}

    @Name("ResourcePayload")
    public record OfResource(@NonNull ResourceView resource) {}
}
