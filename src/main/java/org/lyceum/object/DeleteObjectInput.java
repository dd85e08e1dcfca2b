package org.lyceum.object;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.jspecify.annotations.Nullable;

@Name("DeleteObjectInput")
public record DeleteObjectInput(
        @Id @NonNull String id,
        @Description("No longer used: only authors delete content; moderators give their reason to removeObject.")
                @Nullable
                String reason) {}
