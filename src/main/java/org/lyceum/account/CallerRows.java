package org.lyceum.account;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lyceum.database.Sql;

/**
 * The caller's account as plain SQL, for the reads every request starts with: one statement on the
 * shared pool instead of a Hibernate Reactive session, which was 10 % of homeFeed's CPU. Only a
 * caller whose account already says what the token says is answered here; provisioning and
 * refreshing stay in {@link AccountService}'s entity path. Nothing is cached across requests, so a
 * changed account is seen at once.
 */
@ApplicationScoped
class CallerRows {

    private static final String BY_SUBJECT = "select p.id, p.username, p.display_name, p.display_name_chosen, "
            + "a.roles = $2::text[] roles_match, a.email, a.email_verified, a.id account_id, "
            + Suspensions.ACTIVE + " suspended, "
            + "coalesce(a.last_active_at < now() - interval '" + LastActive.EVERY_MINUTES + " minutes', true) idle, "
            + "a.deleted_at is not null deleted "
            + "from account a join person p on p.id = a.person_id where a.subject = $1";

    private final Sql sql;

    CallerRows(Sql sql) {
        this.sql = sql;
    }

    /** The account of this subject, with whether its roles are exactly {@code roles}; null if none. */
    Uni<CallerRow> bySubject(String subject, String[] roles) {
        return sql.one(
                BY_SUBJECT,
                r -> new CallerRow(
                        r.getUUID("id"),
                        r.getString("username"),
                        r.getString("display_name"),
                        r.getBoolean("display_name_chosen"),
                        r.getBoolean("roles_match"),
                        r.getString("email"),
                        r.getBoolean("email_verified"),
                        r.getUUID("account_id"),
                        Boolean.TRUE.equals(r.getBoolean("suspended")),
                        Boolean.TRUE.equals(r.getBoolean("idle")),
                        Boolean.TRUE.equals(r.getBoolean("deleted"))),
                subject,
                roles);
    }

    /** What {@link AccountService} compares with the token's claims. */
    record CallerRow(
            UUID personId,
            String username,
            String displayName,
            boolean displayNameChosen,
            boolean rolesMatch,
            @Nullable String email,
            boolean emailVerified,
            @Nullable UUID accountId,
            boolean suspended,
            boolean idle,
            boolean deleted) {}
}
