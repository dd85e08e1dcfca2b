package org.lyceum.export;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.jspecify.annotations.Nullable;

@Name("DataExport")
@Description("An archive of the caller's data (a zip of JSON files and an ActivityStreams outbox).")
public record DataExportView(
        @NonNull DataExportStatus status,
        @Description("A signed download link while READY; null otherwise.") @Nullable String url,
        @Description("When the link stops working (READY, EXPIRED).") @Nullable OffsetDateTime expiresAt,
        @NonNull OffsetDateTime requestedAt) {}
