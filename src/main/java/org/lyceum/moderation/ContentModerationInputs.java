package org.lyceum.moderation;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.jspecify.annotations.Nullable;

/** Inputs of removeObject, restoreObject, purgeObject, lockThread and unlockThread. */
public final class ContentModerationInputs {

    private ContentModerationInputs() {}

    @Name("RemoveObjectInput")
    public record Remove(
            @NonNull @Id @Description("A collection, resource, thread or comment.") String id,
            @NonNull @Description("Why; the author is told, and the moderation log shows it (at most 1000 characters).")
                    String reason) {}

    @Name("RestoreObjectInput")
    public record Restore(
            @NonNull @Id @Description("Removed content.") String id,
            @Description("Why, for the moderation log (at most 1000 characters).") @Nullable String reason) {}

    @Name("PurgeObjectInput")
    public record Purge(
            @NonNull @Id @Description("A collection, resource, thread or comment, removed or not.") String id,
            @NonNull @Description("Why, for the moderation log (at most 1000 characters).") String reason) {}

    @Name("LockThreadInput")
    public record Lock(
            @NonNull @Id @Description("A thread.") String id,
            @Description("Why, for the moderation log (at most 1000 characters).") @Nullable String reason) {}
}
