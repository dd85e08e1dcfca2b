package org.lyceum.database;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * SQL over the reactive PostgreSQL pool, for the community features. GraphQL resolves fields
 * concurrently and a Hibernate Reactive session must not be used by two of them at once; pooled
 * statements may, and a read model wants joins and keyset pages rather than entity graphs.
 * Writes that span statements run in {@link #transaction}.
 *
 * <p>Inside a GraphQL request ({@link RequestStatements} on the context) statements run on the
 * request pool, whose connections carry the request {@code statement_timeout}, on connections
 * recorded with the request so that a client gone or a deadline passed cancels them in PostgreSQL.
 */
@ApplicationScoped
public class Sql {

    private final Pool pool;
    private final Pool requests;
    private final SqlClient client;
    /** The request a transaction's Sql serves, if any: once it is stopped, no further statement runs. */
    private final @Nullable RequestStatements request;

    @Inject
    Sql(Pool pool, PoolTuning tuning) {
        this(pool, Pool.newInstance(tuning.requestPool(pool.getDelegate())), pool, null);
    }

    private Sql(Pool pool, Pool requests, SqlClient client, @Nullable RequestStatements request) {
        this.pool = pool;
        this.requests = requests;
        this.client = client;
        this.request = request;
    }

    /** A mutable parameter list (nulls allowed) for statements assembled piece by piece. */
    public static List<@Nullable Object> params(@Nullable Object... first) {
        return new ArrayList<>(Arrays.asList(first));
    }

    public <T> Uni<List<T>> list(String sql, Function<SqlRow, T> map, @Nullable Object... args) {
        return execute(sql, args).map(rows -> {
            List<T> out = new ArrayList<>(rows.size());
            Map<String, Integer> columns = columns(rows);
            for (Row row : rows) {
                out.add(map.apply(new SqlRow(row, columns)));
            }
            return out;
        });
    }

    /** The first row mapped, or null when there is none. */
    public <T> Uni<T> one(String sql, Function<SqlRow, T> map, @Nullable Object... args) {
        return execute(sql, args).map(rows -> {
            var it = rows.iterator();
            return it.hasNext() ? map.apply(new SqlRow(it.next(), columns(rows))) : null;
        });
    }

    private static Map<String, Integer> columns(RowSet<Row> rows) {
        List<String> names = rows.columnsNames();
        Map<String, Integer> columns = new HashMap<>(names.size() * 2);
        for (int i = 0; i < names.size(); i++) {
            columns.putIfAbsent(names.get(i), i);
        }
        return columns;
    }

    /** Rows changed (or returned). */
    public Uni<Integer> run(String sql, @Nullable Object... args) {
        return execute(sql, args).map(RowSet::rowCount);
    }

    /** Runs the work in one transaction; inside it, this is already transactional. */
    @SuppressWarnings(
            "ReferenceEquality") // identity is the point: a transaction's Sql wraps a connection, not the pool
    public <T> Uni<T> transaction(Function<Sql, Uni<T>> work) {
        if (client != pool) {
            return work.apply(this);
        }
        RequestStatements current = RequestStatements.current();
        if (current == null) {
            return pool.withTransaction(connection -> work.apply(new Sql(pool, requests, connection, null)));
        }
        Uni<T> refused = current.refusal();
        return refused != null
                ? refused
                : requests.withTransaction(connection ->
                        current.on(connection, pool, () -> work.apply(new Sql(pool, requests, connection, current))));
    }

    /**
     * One transaction in which a failed statement inside a savepoint aborts only to that
     * savepoint: begun and ended by plain statements, because the client's transaction API rolls
     * everything back at the first failed statement, savepoints or not. The work must roll back
     * to its savepoint after a failure it recovers from: PostgreSQL answers the COMMIT of an
     * aborted transaction by rolling it back, without an error.
     */
    @SuppressWarnings("ReferenceEquality") // as in transaction(): is this Sql the pool's or a connection's
    public <T> Uni<T> transactionWithSavepoints(Function<Sql, Uni<T>> work) {
        if (client != pool) {
            throw new IllegalStateException("already in a transaction");
        }
        RequestStatements current = RequestStatements.current();
        return (current == null ? pool : requests).withConnection(connection -> {
            Sql tx = new Sql(pool, requests, connection, current);
            Uni<T> body = connection
                    .query("begin")
                    .execute()
                    .chain(() -> Uni.createFrom().deferred(() -> work.apply(tx)))
                    .call(() -> connection.query("commit").execute())
                    .onFailure()
                    .call(() ->
                            connection.query("rollback").execute().onFailure().recoverWithNull());
            return current == null ? body : current.on(connection, pool, () -> body);
        });
    }

    @SuppressWarnings("ReferenceEquality") // as in transaction(): is this Sql the pool's or a connection's
    private Uni<RowSet<Row>> execute(String sql, @Nullable Object[] args) {
        Tuple tuple = Tuple.from(Arrays.asList(args));
        if (client != pool) {
            Uni<RowSet<Row>> refused = request == null ? null : request.refusal();
            return refused != null ? refused : client.preparedQuery(sql).execute(tuple);
        }
        RequestStatements current = RequestStatements.current();
        if (current == null) {
            return pool.preparedQuery(sql).execute(tuple);
        }
        Uni<RowSet<Row>> refused = current.refusal();
        return refused != null
                ? refused
                : requests.withConnection(connection -> current.on(
                        connection, pool, () -> connection.preparedQuery(sql).execute(tuple)));
    }
}
