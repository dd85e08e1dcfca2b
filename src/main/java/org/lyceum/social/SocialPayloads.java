package org.lyceum.social;

import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.lyceum.content.Content;
import org.lyceum.graphql.Node;

public final class SocialPayloads {

    private SocialPayloads() {}

    @Name("ObjectPayload")
    public record OfObject(@NonNull Content object) {}

    @Name("FollowPayload")
    public record OfTarget(@NonNull Node target) {}
}
