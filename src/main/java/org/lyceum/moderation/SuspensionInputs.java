package org.lyceum.moderation;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

public final class SuspensionInputs {

    private SuspensionInputs() {}

    @Name("SuspendPersonInput")
    public record Suspend(
            @NonNull @Id String personId,
            @NonNull String reason,
            @Description("When it ends on its own; none: until lifted. Must be in the future.") OffsetDateTime until) {}

    @Name("UnsuspendPersonInput")
    public record Unsuspend(@NonNull @Id String personId, String reason) {}
}
