package org.lyceum.federation.delivery;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.lyceum.database.SqlRow;

@Name("FederationHost")
@Description("A remote server this instance delivers to, and how that goes.")
public record HostStatusView(
        @NonNull String host,
        @Description("Deliveries waiting, including those waiting for a retry.") int queued,
        @Description("Deliveries being sent now.") int inFlight,
        @Description("Deliveries given up (final refusals, or failing past lyceum.federation.delivery.give-up-after).")
                int failed,
        OffsetDateTime lastSuccessAt,
        OffsetDateTime lastErrorAt,
        String lastError,
        @NonNull @Description("CLOSED, or OPEN while the host is left alone after repeated failures.") String breaker,
        @NonNull @Description("ALIVE, or DEAD after failing for days without a success.") String state) {

    static HostStatusView from(SqlRow r) {
        return new HostStatusView(
                r.getString("host"),
                r.getLong("queued").intValue(),
                r.getLong("in_flight").intValue(),
                r.getLong("failed").intValue(),
                r.getOffsetDateTime("last_success_at"),
                r.getOffsetDateTime("last_error_at"),
                r.getString("last_error"),
                r.getString("breaker"),
                r.getString("state"));
    }
}
