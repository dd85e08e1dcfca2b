package org.lyceum.database;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnectOptions;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Builds the reactive pool with prepared statements cached for long SQL too. The feed and content
 * reads are 4-6 kB of SQL; with the Vert.x default limit (2 kB) they were parsed and planned on
 * every request. Quarkus exposes no key for the limit, so the pool is built here from its config.
 */
@Singleton
public class PoolTuning implements PgPoolCreator {

    static final int PREPARED_STATEMENT_SQL_LIMIT = 16_384;

    @Override
    public Pool create(Input input) {
        for (PgConnectOptions options : input.pgConnectOptionsList()) {
            options.setCachePreparedStatements(true).setPreparedStatementCacheSqlLimit(PREPARED_STATEMENT_SQL_LIMIT);
        }
        List<SqlConnectOptions> servers = List.copyOf(input.pgConnectOptionsList());
        return PgBuilder.pool()
                .with(input.poolOptions())
                .connectingTo(servers)
                .using(input.vertx())
                .build();
    }
}
