package org.lyceum.moderation;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.lyceum.database.Sql;

/**
 * Writes the moderation log in the transaction of the action it records, so an action that rolls
 * back leaves no entry and an entry never lacks its action. Reading it is {@code ModlogQueries}.
 */
@ApplicationScoped
public class Modlog {

    private static final String INSERT = "insert into modlog (id, action, moderator_id, target_type, target_id,"
            + " target_title, target_person_id, community_id, domain, reason, expires_at, ap_id)"
            + " values (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
            + " on conflict (ap_id) do nothing";

    /** Writes the entry; 1, or 0 when an entry of the same received activity is already there. */
    public Uni<Integer> record(Sql tx, ModlogEntry e) {
        return tx.run(
                INSERT,
                e.action().name(),
                e.moderatorId(),
                e.targetType() == null ? null : e.targetType().name(),
                e.targetId(),
                e.targetTitle(),
                e.targetPersonId(),
                e.communityId(),
                e.domain(),
                e.reason(),
                e.expiresAt() == null ? null : OffsetDateTime.ofInstant(e.expiresAt(), ZoneOffset.UTC),
                e.apId());
    }
}
