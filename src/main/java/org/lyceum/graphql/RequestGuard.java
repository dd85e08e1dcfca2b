package org.lyceum.graphql;

import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.lyceum.common.ErrorCode;

/**
 * Answers GraphQL POSTs that SmallRye would reject before execution (a body that is not JSON,
 * no query, a query that does not parse) with a GraphQL error carrying {@code extensions.code},
 * which SmallRye's own answers to these lack. Everything else passes through untouched.
 */
@ApplicationScoped
public class RequestGuard {

    private final String path;
    private final long maxBodyBytes;
    private final ParserOptions parserOptions;

    RequestGuard(@ConfigProperty(name = "quarkus.smallrye-graphql.root-path", defaultValue = "graphql") String rootPath,
                 @ConfigProperty(name = "quarkus.http.limits.max-body-size") io.quarkus.runtime.configuration.MemorySize maxBody,
                 @ConfigProperty(name = "quarkus.smallrye-graphql.parser-max-tokens", defaultValue = "15000") int maxTokens) {
        this.path = rootPath.startsWith("/") ? rootPath : "/" + rootPath;
        this.maxBodyBytes = maxBody.asLongValue();
        this.parserOptions = ParserOptions.getDefaultParserOptions().transform(o -> o.maxTokens(maxTokens));
    }

    void register(@Observes Router router) {
        // Runs before SmallRye's route; the body handler marks the body as read, so the next one reuses it.
        router.post(path).order(-100)
                .handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes))
                .handler(this::check);
    }

    private void check(RoutingContext ctx) {
        Object query;
        String contentType = String.valueOf(ctx.request().getHeader("content-type"));
        if (contentType.startsWith("application/graphql") && !contentType.startsWith("application/graphql-response")) {
            query = ctx.body().asString(); // the legacy transport: the body is the document itself
        } else {
            JsonObject request;
            try {
                request = ctx.body().asJsonObject();
            } catch (DecodeException | ClassCastException e) {
                reject(ctx, 400, "the request body is not a JSON object");
                return;
            }
            query = request == null ? null : request.getValue("query");
        }
        if (!(query instanceof String text) || text.isBlank()) {
            reject(ctx, 400, "the request has no \"query\" string");
            return;
        }
        try {
            Parser.parse(ParserEnvironment.newParserEnvironment().document(text).parserOptions(parserOptions).build());
        } catch (InvalidSyntaxException e) {
            reject(ctx, 200, e.getMessage());
            return;
        }
        ctx.next();
    }

    private static void reject(RoutingContext ctx, int status, String message) {
        JsonObject error = new JsonObject().put("message", message)
                .put("extensions", new JsonObject().put("code", ErrorCode.BAD_QUERY.name()));
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json")
                .end(new JsonObject().put("errors", new JsonArray().add(error)).encode());
    }
}
