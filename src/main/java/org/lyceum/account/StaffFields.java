package org.lyceum.account;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lyceum.database.Sql;

/**
 * What only instance staff (and the person themself) see of a person: email, last activity and
 * suspension, for a page of people in one statement.
 */
@ApplicationScoped
public class StaffFields {

    /** The private facts of one person. */
    public record Private(
            @Nullable String email, @Nullable OffsetDateTime lastActiveAt, @Nullable SuspensionView suspension) {}

    private static final String SELECT = "select p.id, a.email, a.last_active_at, " + Suspensions.ACTIVE
            + " suspended, p.suspended_reason, " + Suspensions.UNTIL + " until"
            + " from person p left join account a on a.person_id = p.id where p.id = any($1)";

    private final Sql sql;

    StaffFields(Sql sql) {
        this.sql = sql;
    }

    /** Whether the viewer may see these of the person. */
    public static boolean mayRead(Viewer viewer, UUID personId) {
        return viewer.instanceStaff() || personId.equals(viewer.personId());
    }

    public Uni<Map<UUID, Private>> of(List<UUID> ids) {
        return sql.list(
                        SELECT,
                        r -> Map.entry(
                                r.getUUID("id"),
                                new Private(
                                        r.getString("email"),
                                        r.getOffsetDateTime("last_active_at"),
                                        Boolean.TRUE.equals(r.getBoolean("suspended"))
                                                ? new SuspensionView(
                                                        r.getString("suspended_reason"), r.getOffsetDateTime("until"))
                                                : null)),
                        (Object) ids.toArray(UUID[]::new))
                .map(rows -> {
                    Map<UUID, Private> out = new HashMap<>(rows.size() * 2);
                    rows.forEach(e -> out.put(e.getKey(), e.getValue()));
                    return out;
                });
    }
}
