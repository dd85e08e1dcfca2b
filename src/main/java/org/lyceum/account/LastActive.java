package org.lyceum.account;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.lyceum.database.Sql;

/**
 * Tracks when an account was last active for staff's people list: the caller lookup asks for a
 * write only when the stored moment is older than {@link #EVERY_MINUTES}, and the write runs beside
 * the request, which neither waits for it nor fails with it.
 */
@ApplicationScoped
class LastActive {

    /** How stale last_active_at may get before a request writes it again. */
    static final int EVERY_MINUTES = 5;

    private static final Logger LOG = Logger.getLogger(LastActive.class);

    private final Sql sql;

    LastActive(Sql sql) {
        this.sql = sql;
    }

    void touch(UUID accountId) {
        sql.run("update account set last_active_at = now() where id = $1", accountId)
                .subscribe()
                .with(n -> {}, e -> LOG.debugf(e, "last_active_at of account %s not written", accountId));
    }
}
