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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jspecify.annotations.Nullable;
import org.lyceum.common.ErrorCode;

/**
 * Answers GraphQL POSTs that SmallRye would reject before execution (a body that is not JSON,
 * no query, a query that does not parse) with a GraphQL error carrying {@code extensions.code},
 * which SmallRye's own answers to these lack. Everything else passes through untouched.
 */
@ApplicationScoped
public class RequestGuard {

    private static final int CACHED_DOCUMENTS = 500;
    private static final int CACHED_DOCUMENT_MAX = 16_384;

    private final String path;
    private final long maxBodyBytes;
    private final ParserOptions parserOptions;
    /** Documents that parsed before: clients send the same few queries, and parsing was 10 % of homeFeed. */
    private final Set<String> parsed = ConcurrentHashMap.newKeySet();

    RequestGuard(
            @ConfigProperty(name = "quarkus.smallrye-graphql.root-path", defaultValue = "graphql") String rootPath,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size")
                    io.quarkus.runtime.configuration.MemorySize maxBody,
            @ConfigProperty(name = "quarkus.smallrye-graphql.parser-max-tokens", defaultValue = "15000")
                    int maxTokens) {
        this.path = rootPath.startsWith("/") ? rootPath : "/" + rootPath;
        this.maxBodyBytes = maxBody.asLongValue();
        this.parserOptions = ParserOptions.getDefaultParserOptions().transform(o -> o.maxTokens(maxTokens));
    }

    void register(@Observes Router router) {
        // Runs before SmallRye's route; the body handler marks the body as read, so the next one reuses it.
        router.post(path)
                .order(-100)
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
        if (!parsed.contains(text)) {
            try {
                Parser.parse(ParserEnvironment.newParserEnvironment()
                        .document(text)
                        .parserOptions(parserOptions)
                        .build());
            } catch (InvalidSyntaxException e) {
                reject(ctx, 200, e.getMessage());
                return;
            }
            remember(text);
        }
        ctx.next();
    }

    private void remember(String document) {
        if (document.length() > CACHED_DOCUMENT_MAX) {
            return;
        }
        if (parsed.size() >= CACHED_DOCUMENTS) {
            parsed.clear(); // crude but bounded: a client cycling through documents only costs re-parsing
        }
        parsed.add(document);
    }

    private static void reject(RoutingContext ctx, int status, @Nullable String message) {
        JsonObject error = new JsonObject()
                .put("message", message)
                .put("extensions", new JsonObject().put("code", ErrorCode.BAD_QUERY.name()));
        ctx.response()
                .setStatusCode(status)
                .putHeader("content-type", "application/json")
                .end(new JsonObject().put("errors", new JsonArray().add(error)).encode());
    }
}
