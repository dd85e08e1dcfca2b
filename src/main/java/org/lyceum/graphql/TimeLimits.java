package org.lyceum.graphql;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.lyceum.common.ErrorCode;
import org.lyceum.database.RequestStatements;

/**
 * The time limits of GraphQL queries and mutations. Each request marks its Vert.x context with
 * {@link RequestStatements}, so its SQL runs under {@code lyceum.graphql.statement-timeout} on
 * connections that can be cancelled. A client that disconnects has its statements cancelled in
 * PostgreSQL rather than left running for nobody; at {@code lyceum.graphql.deadline} they are
 * cancelled too and the client is answered {@code TIMEOUT} at once, whatever the request was
 * waiting for (SmallRye's own answer, when it comes, finds the response written and is dropped).
 * WebSocket upgrades (subscriptions) are long-lived by design and not marked.
 */
@ApplicationScoped
public class TimeLimits {

    private static final Logger LOG = Logger.getLogger(TimeLimits.class);
    /** How soon a client gone is noticed (and its statements cancelled), at most. */
    private static final long WATCH_MS = 200;

    private final String path;
    private final long deadlineMillis;

    TimeLimits(
            @ConfigProperty(name = "quarkus.smallrye-graphql.root-path", defaultValue = "graphql") String rootPath,
            GraphQLConfig config) {
        this.path = rootPath.startsWith("/") ? rootPath : "/" + rootPath;
        this.deadlineMillis = config.deadline().toMillis();
    }

    void register(@Observes Router router) {
        router.route(path).order(-200).handler(this::limit); // before RequestGuard, so its whole request is covered
    }

    private void limit(RoutingContext ctx) {
        if (HttpMethod.OPTIONS.equals(ctx.request().method()) || isUpgrade(ctx)) {
            ctx.next();
            return;
        }
        RequestStatements statements = RequestStatements.begin();
        HttpServerResponse response = ctx.response();
        long started = System.nanoTime();
        // One timer per request, looking every WATCH_MS: SmallRye's handler replaces the response's
        // end and close handlers (so Vert.x-web's end handlers never hear of a closed connection),
        // and a listener on the connection would pile up over a keep-alive connection's requests.
        long[] timer = new long[1];
        timer[0] = ctx.vertx().setPeriodic(Math.min(WATCH_MS, deadlineMillis), id -> {
            if (response.ended()) {
                ctx.vertx().cancelTimer(id);
                statements.end();
            } else if (response.closed()) { // closed with no response: the client is gone
                ctx.vertx().cancelTimer(id);
                LOG.debug("A GraphQL client went away; its statements are cancelled");
                statements.cancel("the client went away");
            } else if (System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(deadlineMillis)) {
                ctx.vertx().cancelTimer(id);
                LOG.infof(
                        "A GraphQL request passed its deadline of %d ms; its statements are cancelled", deadlineMillis);
                statements.cancel("the request took longer than the " + deadlineMillis + " ms allowed");
                answerTimeout(ctx);
            }
        });
        ctx.addBodyEndHandler(
                done -> { // the response is written (SmallRye leaves this hook alone)
                    ctx.vertx().cancelTimer(timer[0]);
                    statements.end();
                });
        ctx.next();
    }

    private static boolean isUpgrade(RoutingContext ctx) {
        String upgrade = ctx.request().getHeader(HttpHeaders.UPGRADE);
        return upgrade != null && upgrade.equalsIgnoreCase("websocket");
    }

    private static void answerTimeout(RoutingContext ctx) {
        if (ctx.response().ended() || ctx.response().closed() || ctx.response().headWritten()) {
            return;
        }
        JsonObject error = new JsonObject()
                .put("message", RequestStatements.TOO_LONG)
                .put("extensions", new JsonObject().put("code", ErrorCode.TIMEOUT.name()));
        ctx.response()
                .setStatusCode(200)
                .putHeader("content-type", "application/json")
                .end(new JsonObject()
                        .put("errors", new JsonArray().add(error))
                        .putNull("data")
                        .encode());
    }
}
