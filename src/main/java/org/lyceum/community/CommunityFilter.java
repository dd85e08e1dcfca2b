package org.lyceum.community;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;

@Name("CommunityFilter")
public record CommunityFilter(
        @Description("Part of the name or title, case-insensitive.") String query,
        Visibility visibility,
        @Description("Only communities the caller is a member of.") Boolean joinedOnly) {}
