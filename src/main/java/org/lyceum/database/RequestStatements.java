package org.lyceum.database;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.PgException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.lyceum.common.DomainException;
import org.lyceum.common.ErrorCode;

/**
 * The statements of one client request (a GraphQL query or mutation), so they can be stopped
 * together when the client goes away or the request passes its deadline. The request's handler
 * puts it on the request's Vert.x duplicated context, which every continuation of the request
 * runs on; {@link Sql} finds it there and runs the request's statements on the request pool
 * (with its {@code statement_timeout}) on connections it records here. Work the request started
 * that outlives its response (a kick of a job) is not the request's: after {@link #end} the
 * context is ordinary again.
 */
public final class RequestStatements {

    private static final String KEY = RequestStatements.class.getName();
    private static final String QUERY_CANCELED = "57014";
    /** What a client whose request hit a time limit is told, whichever limit it was. */
    public static final String TOO_LONG =
            "the request took longer than the server allows; ask for less or try again later";

    /** The connections running this request's statements, with the cancel sent to each (if any). */
    private final Set<Running> running = ConcurrentHashMap.newKeySet();

    private volatile @Nullable String stopped;
    private volatile boolean ended;

    private RequestStatements() {}

    /** Marks the current (duplicated) context as serving one request and returns its statements. */
    public static RequestStatements begin() {
        RequestStatements statements = new RequestStatements();
        ContextLocals.put(KEY, statements);
        return statements;
    }

    /** The statements of the request the current context serves, or null outside a request. */
    static @Nullable RequestStatements current() {
        if (!VertxContext.isOnDuplicatedContext()) {
            return null;
        }
        RequestStatements statements = ContextLocals.get(KEY, null);
        // A stopped request keeps refusing: what it still tries to run is for nobody.
        return statements == null || (statements.ended && statements.stopped == null) ? null : statements;
    }

    /**
     * Stops the request's statements: those running are cancelled in PostgreSQL (they fail with
     * SQLSTATE 57014), later ones are refused with {@code TIMEOUT}.
     */
    public void cancel(String why) {
        stopped = why;
        running.forEach(Running::cancel);
    }

    /** The response is written; statements from now on are not this request's (unless it was stopped). */
    public void end() {
        ended = true;
    }

    /** Refuses work once the request is stopped. */
    <T> @Nullable Uni<T> refusal() {
        String why = stopped;
        return why == null ? null : Uni.createFrom().failure(new DomainException(ErrorCode.TIMEOUT, why));
    }

    /**
     * Runs work on a connection recorded as the request's, so a cancel reaches what it runs. A
     * cancel is {@code pg_cancel_backend} sent through {@code canceller} (another pool), which
     * answers only once the backend has been signalled; the connection goes back to the pool only
     * after that answer, so a late cancel finds the backend idle, where PostgreSQL ignores it,
     * rather than in the next statement of whoever takes the connection next. (The protocol's
     * CancelRequest would not do: it completes when sent, before the postmaster signals.)
     */
    <T> Uni<T> on(SqlConnection connection, Pool canceller, Supplier<Uni<T>> work) {
        Running r = new Running(PgConnection.cast(connection.getDelegate()).processId(), canceller);
        running.add(r);
        Uni<T> refused = refusal(); // read after adding: a cancel in between reaches r, or is seen here
        if (refused != null) {
            running.remove(r);
            return refused;
        }
        return Uni.createFrom()
                .deferred(() -> work.get())
                .onTermination()
                .call(() -> {
                    running.remove(r);
                    return r.delivered();
                })
                // A limit the request reached, not a bug: a DomainException reaches the client as
                // TIMEOUT without the ERROR log SmallRye writes for other exceptions.
                .onFailure(RequestStatements::cancelled)
                .transform(e -> new DomainException(ErrorCode.TIMEOUT, TOO_LONG));
    }

    /**
     * PostgreSQL's query_canceled (statement_timeout, or a cancel sent by {@link #cancel}) anywhere
     * in the chain: Hibernate Reactive wraps it.
     */
    public static boolean cancelled(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg && QUERY_CANCELED.equals(pg.getSqlState())) {
                return true;
            }
        }
        return false;
    }

    private static final class Running {
        private final int pid;
        private final Pool canceller;
        private @Nullable CompletableFuture<Void> cancel;

        Running(int pid, Pool canceller) {
            this.pid = pid;
            this.canceller = canceller;
        }

        synchronized void cancel() {
            if (cancel == null) {
                cancel = canceller
                        .preparedQuery("select pg_cancel_backend($1)")
                        .execute(Tuple.of(pid))
                        .replaceWithVoid()
                        .subscribeAsCompletionStage();
            }
        }

        synchronized Uni<Void> delivered() {
            CompletableFuture<Void> sent = cancel;
            return sent == null
                    ? Uni.createFrom().voidItem()
                    : Uni.createFrom().completionStage(sent).onFailure().recoverWithNull();
        }
    }
}
