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
 */
@ApplicationScoped
public class Sql {

    private final Pool pool;
    private final SqlClient client;

    @Inject
    Sql(Pool pool) {
        this.pool = pool;
        this.client = pool;
    }

    private Sql(Pool pool, SqlClient client) {
        this.pool = pool;
        this.client = client;
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
        return pool.withTransaction(connection -> work.apply(new Sql(pool, connection)));
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
        return pool.withConnection(connection -> {
            Sql tx = new Sql(pool, connection);
            return connection
                    .query("begin")
                    .execute()
                    .chain(() -> Uni.createFrom().deferred(() -> work.apply(tx)))
                    .call(() -> connection.query("commit").execute())
                    .onFailure()
                    .call(() ->
                            connection.query("rollback").execute().onFailure().recoverWithNull());
        });
    }

    private Uni<RowSet<Row>> execute(String sql, @Nullable Object[] args) {
        return client.preparedQuery(sql).execute(Tuple.from(Arrays.asList(args)));
    }
}
