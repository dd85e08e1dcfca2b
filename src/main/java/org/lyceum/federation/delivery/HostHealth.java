package org.lyceum.federation.delivery;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jspecify.annotations.Nullable;
import org.lyceum.database.Sql;
import org.lyceum.federation.FederationConfig;

/**
 * Each remote host's health (federation_host), written once per batch of sends in one
 * statement: any answer (a delivery, or a final 4xx) resets its failures; otherwise the batch's
 * failures count towards its circuit breaker and, after dead-after, its death.
 */
@ApplicationScoped
public class HostHealth {

    private static final String MILLIS = " * interval '1 millisecond'";

    private final Sql sql;
    private final FederationConfig.Delivery config;

    HostHealth(Sql sql, FederationConfig config) {
        this.sql = sql;
        this.config = config.delivery();
    }

    /** The host answered: its breaker closes. */
    public Uni<String> answered(String host) {
        return sql.run(
                        "insert into federation_host (host, last_success_at) values ($1, now())"
                                + " on conflict (host) do update set consecutive_failures = 0, breaker = 'CLOSED', open_until = null,"
                                + " failing_since = null, state = 'ALIVE', last_success_at = now()",
                        host)
                .replaceWith("CLOSED");
    }

    /** The host failed {@code failures} times in a row; returns its breaker afterwards. */
    public Uni<String> failed(String host, int failures, @Nullable String lastError) {
        return sql.one(
                "insert into federation_host as h (host, consecutive_failures, failing_since, last_error_at, last_error)"
                        + " values ($1, $6, now(), now(), $5)"
                        + " on conflict (host) do update set"
                        + " consecutive_failures = h.consecutive_failures + $6,"
                        + " failing_since = coalesce(h.failing_since, now()), last_error_at = now(), last_error = excluded.last_error,"
                        + " breaker = case when h.consecutive_failures + $6 >= $2 then 'OPEN' else h.breaker end,"
                        + " open_until = case when h.consecutive_failures + $6 >= $2 then now() + $3" + MILLIS
                        + " else h.open_until end,"
                        + " state = case when coalesce(h.failing_since, now()) < now() - $4" + MILLIS
                        + " and (h.last_success_at is null or h.last_success_at < coalesce(h.failing_since, now())) then 'DEAD' else h.state end"
                        + " returning breaker",
                r -> r.getString("breaker"),
                host,
                config.breakerThreshold(),
                config.breakerOpen().toMillis(),
                config.deadAfter().toMillis(),
                lastError,
                failures);
    }
}
