package org.lyceum.federation.delivery;

import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;
import org.lyceum.database.SqlRow;

/** A delivery row as a claim returns it, with what sending it and tracing it need. */
record ClaimedDelivery(
        long id,
        String inbox,
        String signer,
        String body,
        int attempts,
        OffsetDateTime createdAt,
        String activityId,
        @Nullable String traceParent) {

    /** The RETURNING list of the claim (the table is aliased {@code d}). */
    static final String COLUMNS =
            "d.id, d.inbox, d.signer, d.body, d.attempts, d.created_at, d.activity_id, d.trace_parent";

    static ClaimedDelivery from(SqlRow r) {
        return new ClaimedDelivery(
                r.getLong("id"),
                r.getString("inbox"),
                r.getString("signer"),
                r.getString("body"),
                r.getInteger("attempts"),
                r.getOffsetDateTime("created_at"),
                r.getString("activity_id"),
                r.getString("trace_parent"));
    }
}
