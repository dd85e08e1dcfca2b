package org.lyceum.lock;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import org.lyceum.database.Sql;
import org.lyceum.database.SqlRow;

/**
 * Leases as rows, each change one statement judged by the database's clock, so instance clocks
 * do not matter. No session state (advisory locks) is involved: the pool may hand any connection
 * to any statement, and PgBouncer in transaction mode changes nothing.
 */
@ApplicationScoped
public class PostgresLockBackend implements LockBackend {

    private static final String MILLIS = " * interval '1 millisecond'";

    private final Sql sql;

    PostgresLockBackend(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Uni<Optional<Lease>> tryAcquire(String name, String holder, Duration leaseTime) {
        return sql.one(
                        "insert into cluster_lock as l (name, holder, token, expires_at) values ($1, $2, 1, now() + $3"
                                + MILLIS + ")"
                                + " on conflict (name) do update set holder = excluded.holder, token = l.token + 1,"
                                + " expires_at = excluded.expires_at where l.expires_at <= now()"
                                + " returning name, holder, token, expires_at",
                        PostgresLockBackend::lease,
                        name,
                        holder,
                        leaseTime.toMillis())
                .map(Optional::ofNullable);
    }

    @Override
    public Uni<Optional<Lease>> renew(Lease lease, Duration leaseTime) {
        return sql.one(
                        "update cluster_lock set expires_at = now() + $4" + MILLIS + " where name = $1 and holder = $2"
                                + " and token = $3 and expires_at > now() returning name, holder, token, expires_at",
                        PostgresLockBackend::lease,
                        lease.name(),
                        lease.holder(),
                        lease.token(),
                        leaseTime.toMillis())
                .map(Optional::ofNullable);
    }

    @Override
    public Uni<Boolean> release(Lease lease) {
        return sql.run(
                        "update cluster_lock set expires_at = now(), holder = null where name = $1 and holder = $2"
                                + " and token = $3 and expires_at > now()",
                        lease.name(),
                        lease.holder(),
                        lease.token())
                .map(changed -> changed == 1);
    }

    @Override
    public Uni<Long> newestToken(String name) {
        return sql.one("select token from cluster_lock where name = $1", r -> r.getLong(0), name)
                .map(t -> t == null ? 0L : t);
    }

    private static Lease lease(SqlRow r) {
        return new Lease(
                r.getString("name"),
                r.getString("holder"),
                r.getLong("token"),
                r.getOffsetDateTime("expires_at").toInstant());
    }
}
