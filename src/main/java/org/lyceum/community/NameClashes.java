package org.lyceum.community;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.lyceum.database.Sql;

/**
 * Local people and communities share one namespace since issue 17; names taken by both before
 * then are listed at start-up (after Flyway migrated), one WARN line each, so an operator can
 * rename one. WebFinger and resolve answer the person for such a name (docs/federation.md). The
 * check runs in the background: start-up does not wait for it.
 */
@ApplicationScoped
class NameClashes {

    private static final Logger LOG = Logger.getLogger(NameClashes.class);

    private final Sql sql;

    NameClashes(Sql sql) {
        this.sql = sql;
    }

    void atStartup(@Observes StartupEvent event) {
        sql.list(
                        "select p.username, m.name, m.ap_id from person p join community m"
                                + " on lower(m.name) = lower(p.username) and m.host is null"
                                + " where p.host is null order by p.username",
                        r -> new String[] {r.getString("username"), r.getString("name"), r.getString("ap_id")})
                .subscribe()
                .with(
                        clashes -> clashes.forEach(c -> LOG.warn("Name clash: the person " + c[0]
                                + " and the community " + c[1] + " (" + c[2] + ") share a handle;"
                                + " WebFinger and resolve answer the person. Rename one of them to end it.")),
                        e -> LOG.warn("Could not look for names both a person and a community have", e));
    }
}
