package org.lyceum.account;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lyceum.database.Sql;

/** Writes a person's suspension (account owns the person table); moderation decides who may. */
@ApplicationScoped
public class PersonSuspensions {

    /** The person as a suspension needs them: whether local, an admin, suspended now. */
    public record Target(UUID id, boolean local, boolean admin, boolean suspended) {}

    /** The person, locked for the change; null when there is no such person. */
    public Uni<Target> lock(Sql tx, UUID personId) {
        return tx.one(
                "select p.id, p.host is null local, coalesce('admin' = any(a.roles), false) admin, "
                        + Suspensions.ACTIVE + " suspended"
                        + " from person p left join account a on a.person_id = p.id where p.id = $1 for update of p",
                r -> new Target(
                        r.getUUID("id"),
                        Boolean.TRUE.equals(r.getBoolean("local")),
                        Boolean.TRUE.equals(r.getBoolean("admin")),
                        Boolean.TRUE.equals(r.getBoolean("suspended"))),
                personId);
    }

    /** Suspends until {@code until}, or until lifted when null ('infinity'). */
    public Uni<Integer> suspend(Sql tx, UUID personId, String reason, @Nullable Instant until) {
        return tx.run(
                "update person set suspended_until = coalesce($2::timestamptz, 'infinity'::timestamptz), suspended_reason = $3"
                        + " where id = $1",
                personId,
                until == null ? null : OffsetDateTime.ofInstant(until, ZoneOffset.UTC),
                reason);
    }

    public Uni<Integer> lift(Sql tx, UUID personId) {
        return tx.run("update person set suspended_until = null, suspended_reason = null where id = $1", personId);
    }
}
