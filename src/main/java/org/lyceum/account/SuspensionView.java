package org.lyceum.account;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.jspecify.annotations.Nullable;

@Name("Suspension")
@Description("An instance suspension in force: the person's token is refused (but for me) and their content hidden.")
public record SuspensionView(
        @Description("The staff's reason.") @Nullable String reason,
        @Description("When it ends on its own; null until staff lift it.") @Nullable OffsetDateTime until) {}
