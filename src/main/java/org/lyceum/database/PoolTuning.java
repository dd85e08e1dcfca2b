package org.lyceum.database;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnectOptions;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.lyceum.graphql.GraphQLConfig;

/**
 * Builds the reactive pool with prepared statements cached for long SQL too. The feed and content
 * reads are 4-6 kB of SQL; with the Vert.x default limit (2 kB) they were parsed and planned on
 * every request. Quarkus exposes no key for the limit, so the pool is built here from its config.
 *
 * <p>Alongside it, from the same config, the pool of GraphQL requests' statements: its connections
 * carry {@code statement_timeout} as a startup parameter, so a request's statement is limited at no
 * cost per statement (a {@code set} before each would be a round trip more on every read), while
 * jobs, inbox processing, deliveries and digests keep the database's own on the main pool.
 */
@Singleton
public class PoolTuning implements PgPoolCreator {

    static final int PREPARED_STATEMENT_SQL_LIMIT = 16_384;

    private final long statementTimeoutMillis;
    private volatile @Nullable Pool requests;
    private volatile @Nullable PgConnectOptions server;

    PoolTuning(GraphQLConfig graphql) {
        this.statementTimeoutMillis = graphql.statementTimeout().toMillis();
    }

    @Override
    public Pool create(Input input) {
        for (PgConnectOptions options : input.pgConnectOptionsList()) {
            options.setCachePreparedStatements(true).setPreparedStatementCacheSqlLimit(PREPARED_STATEMENT_SQL_LIMIT);
        }
        List<SqlConnectOptions> requestServers = input.pgConnectOptionsList().stream()
                .map(options -> (SqlConnectOptions) new PgConnectOptions(options)
                        .addProperty("statement_timeout", Long.toString(statementTimeoutMillis))
                        // Search text of only stop words draws a NOTICE, which the client logs as WARN.
                        .addProperty("client_min_messages", "warning"))
                .toList();
        // As many connections as the main pool: requests get the concurrency they had before the split.
        PoolOptions requestOptions =
                new PoolOptions(input.poolOptions()).setShared(false).setName("lyceum-requests");
        requests = build(input.vertx(), requestOptions, requestServers);
        server = new PgConnectOptions(input.pgConnectOptionsList().get(0));
        return build(input.vertx(), input.poolOptions(), List.copyOf(input.pgConnectOptionsList()));
    }

    /** The pool for statements of GraphQL requests, built with {@code main} (passing it makes sure it was). */
    Pool requestPool(Pool main) {
        Objects.requireNonNull(main, "the main pool");
        return Objects.requireNonNull(requests, "the request pool is built with the main pool");
    }

    /**
     * Where the pools connect (URL and credentials as the datasource configures them), for the one
     * connection that is not pooled: live updates' LISTEN. Null until the pool is built.
     */
    public @Nullable PgConnectOptions connectOptions() {
        PgConnectOptions options = server;
        return options == null ? null : new PgConnectOptions(options);
    }

    private static Pool build(Vertx vertx, PoolOptions pool, List<SqlConnectOptions> servers) {
        return PgBuilder.pool().with(pool).connectingTo(servers).using(vertx).build();
    }

    @PreDestroy
    void close() {
        Pool pool = requests;
        if (pool != null) {
            pool.close();
        }
    }
}
