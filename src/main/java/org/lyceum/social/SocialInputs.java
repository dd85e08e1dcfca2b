package org.lyceum.social;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

public final class SocialInputs {

    private SocialInputs() {}

    @Name("ObjectIdInput")
    @Description("A collection, resource, thread or comment to like or bookmark.")
    public record OfObject(@Id @NonNull String id) {}

    @Name("FollowInput")
    @Description("A person, community or collection.")
    public record OfTarget(@Id @NonNull String id) {}
}
