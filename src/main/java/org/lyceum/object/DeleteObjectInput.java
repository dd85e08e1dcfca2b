package org.lyceum.object;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.jspecify.annotations.Nullable;

@Name("DeleteObjectInput")
public record DeleteObjectInput(
        @Id @NonNull String id,
        @Description("Why a moderator removes someone else's content; its author is told (at most 1000 characters).")
                @Nullable
                String reason) {}
