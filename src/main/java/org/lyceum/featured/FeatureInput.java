package org.lyceum.featured;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

/** What to feature or unfeature, and where. */
@Name("FeatureInput")
@Description("A community or collection (scope INSTANCE), or a collection, resource or thread (scope COMMUNITY).")
public record FeatureInput(@Id @NonNull String id, @NonNull FeatureScope scope) {}
