package org.lyceum.federation.policy;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.lyceum.database.SqlRow;

@Name("DomainBlock")
@Description("A domain this instance limits or refuses. Instance admins only.")
public record DomainBlockView(
        @NonNull String domain,
        @NonNull Severity severity,
        @Description("Remote media is not shown (Lyceum does not copy media, so this is recorded for export).")
                boolean rejectMedia,
        @Description("Reports (Flag) from the domain are dropped.") boolean rejectReports,
        String publicComment,
        @Description("Shown partly hidden in public lists.") boolean obfuscate,
        OffsetDateTime createdAt) {

    static DomainBlockView from(SqlRow r) {
        return new DomainBlockView(
                r.getString("domain"),
                Severity.valueOf(r.getString("severity")),
                r.getBoolean("reject_media"),
                r.getBoolean("reject_reports"),
                r.getString("public_comment"),
                r.getBoolean("obfuscate"),
                r.getOffsetDateTime("created_at"));
    }
}
