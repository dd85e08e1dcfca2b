package org.lyceum.featured;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;

/** Whose list a feature goes on: the instance's, or the object's community's. */
@Name("FeatureScope")
@Description("Where something is featured: on the instance (admins: communities and collections) or in its community"
        + " (its owner and moderators: collections, resources and threads; a featured thread is a pinned thread).")
public enum FeatureScope {
    INSTANCE,
    COMMUNITY
}
