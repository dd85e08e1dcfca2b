package org.lyceum.graphql;

import graphql.language.Document;
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
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jspecify.annotations.Nullable;
import org.lyceum.common.ErrorCode;

/**
 * Answers GraphQL POSTs that SmallRye would reject before execution (a body that is not JSON,
 * no query, a query that does not parse) with a GraphQL error carrying {@code extensions.code},
 * which SmallRye's own answers to these lack, and refuses documents over the limits of
 * {@link GraphQLConfig} (nodes, depth, aliases, introspection) with {@code QUERY_TOO_COMPLEX}
 * before any resolver runs. Everything else passes through untouched.
 */
@ApplicationScoped
public class RequestGuard {

    private static final int CACHED_DOCUMENTS = 500;
    private static final int CACHED_DOCUMENT_MAX = 16_384;

    private final String path;
    private final long maxBodyBytes;
    private final ParserOptions parserOptions;
    /** Documents that parsed before: clients send the same few queries, and parsing was 10 % of homeFeed. */
    private final Map<String, Document> parsed = new ConcurrentHashMap<>();

    private final GraphQLConfig limits;
    private final ServedSchema schema;

    RequestGuard(
            @ConfigProperty(name = "quarkus.smallrye-graphql.root-path", defaultValue = "graphql") String rootPath,
            @ConfigProperty(name = "quarkus.smallrye-graphql.parser-max-tokens", defaultValue = "15000") int maxTokens,
            GraphQLConfig limits,
            ServedSchema schema) {
        this.limits = limits;
        this.schema = schema;
        this.path = rootPath.startsWith("/") ? rootPath : "/" + rootPath;
        this.maxBodyBytes = limits.maxBodySize().asLongValue();
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
        @Nullable String operationName = null;
        Map<String, Object> variables = Map.of();
        String contentType = String.valueOf(ctx.request().getHeader("content-type"));
        // Read as SmallRye reads it, in the declared charset: what passes here must parse there too.
        Charset charset = charset(contentType);
        if (charset == null) {
            reject(ctx, 415, "the request body's charset is not one this server reads; send UTF-8");
            return;
        }
        String body = ctx.body().buffer() == null ? "" : ctx.body().buffer().toString(charset);
        // Every application/graphql... type (graphql-response+json too) is the document itself to SmallRye.
        if (contentType.startsWith("application/graphql")) {
            query = body; // the legacy transport: the body is the document itself
        } else {
            JsonObject request;
            try {
                request = body.isBlank() ? null : new JsonObject(body);
            } catch (DecodeException | ClassCastException e) {
                reject(ctx, 400, "the request body is not a JSON object");
                return;
            }
            String wrong = request == null ? null : wrongMember(request);
            if (wrong != null) {
                // SmallRye casts these without a check: a number or a list here was a 500 with a stack trace.
                reject(ctx, 400, wrong);
                return;
            }
            query = request == null ? null : request.getValue("query");
            if (request != null && request.getValue("operationName") instanceof String name) {
                operationName = name;
            }
            if (request != null && request.getValue("variables") instanceof JsonObject given) {
                variables = given.getMap();
            }
        }
        if (!(query instanceof String text) || text.isBlank()) {
            reject(ctx, 400, "the request has no \"query\" string");
            return;
        }
        Document document = parsed.get(text);
        if (document == null) {
            try {
                document = Parser.parse(ParserEnvironment.newParserEnvironment()
                        .document(text)
                        .parserOptions(parserOptions)
                        .build());
            } catch (InvalidSyntaxException e) {
                reject(ctx, 200, e.getMessage());
                return;
            }
            remember(text, document);
        }
        QueryCost.Measure measure = QueryCost.of(schema.get(), document, operationName, variables);
        String refusal = measure == null ? null : refusal(measure);
        if (measure != null && refusal != null) {
            refuse(ctx, refusal, measure);
            return;
        }
        ctx.next();
    }

    /** The charset the content type names (UTF-8 when none), or null when there is no such charset here. */
    private static @Nullable Charset charset(String contentType) {
        int at = contentType.toLowerCase(Locale.ROOT).indexOf("charset=");
        if (at < 0) {
            return StandardCharsets.UTF_8;
        }
        String name = contentType
                .substring(at + "charset=".length())
                .split(";", 2)[0]
                .strip()
                .replace("\"", "");
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) { // illegal or unsupported charset names
            return null;
        }
    }

    /** What is wrong with the envelope's optional members, or null: each is absent, null or of its type. */
    private static @Nullable String wrongMember(JsonObject request) {
        Object name = request.getValue("operationName");
        if (name != null && !(name instanceof String)) {
            return "\"operationName\" must be a string";
        }
        for (String member : new String[] {"variables", "extensions"}) {
            Object value = request.getValue(member);
            if (value != null && !(value instanceof JsonObject)) {
                return "\"" + member + "\" must be a JSON object";
            }
        }
        return null;
    }

    private void remember(String text, Document document) {
        if (text.length() > CACHED_DOCUMENT_MAX) {
            return;
        }
        if (parsed.size() >= CACHED_DOCUMENTS) {
            parsed.clear(); // crude but bounded: a client cycling through documents only costs re-parsing
        }
        parsed.put(text, document);
    }

    /**
     * Why an operation that did not come as a POST (a subscription over WebSocket) may not run, by
     * the same limits, or null when it may.
     */
    public @Nullable String refusal(Document document, @Nullable String operationName, Map<String, Object> variables) {
        QueryCost.Measure measure = QueryCost.of(schema.get(), document, operationName, variables);
        return measure == null ? null : refusal(measure);
    }

    /** Why the measured document may not run, or null when it may. */
    private @Nullable String refusal(QueryCost.Measure m) {
        if (m.overflow() || m.cost() > limits.maxNodes()) {
            return "the query could return up to " + (m.overflow() ? "too many" : m.cost()) + " nodes; the limit is "
                    + limits.maxNodes() + " (ask for smaller pages)";
        }
        if (m.depth() > limits.maxDepth()) {
            return "the query nests " + m.depth() + " fields deep; the limit is " + limits.maxDepth();
        }
        if (m.aliases() > limits.maxAliases()) {
            return "the query has " + m.aliases() + " aliases; the limit is " + limits.maxAliases();
        }
        if (m.schemaFields() > 1) {
            return "one __schema per request";
        }
        if (m.introspectionDepth() > limits.maxIntrospectionDepth()) {
            return "the introspection nests " + m.introspectionDepth() + " deep; the limit is "
                    + limits.maxIntrospectionDepth();
        }
        return null;
    }

    private void refuse(RoutingContext ctx, String message, QueryCost.Measure m) {
        JsonObject extensions = new JsonObject()
                .put("code", ErrorCode.QUERY_TOO_COMPLEX.name())
                .put("cost", m.overflow() ? Long.MAX_VALUE : m.cost())
                .put("limit", limits.maxNodes())
                .put("depth", m.depth())
                .put("maxDepth", limits.maxDepth())
                .put("aliases", m.aliases())
                .put("maxAliases", limits.maxAliases());
        respond(ctx, 200, new JsonObject().put("message", message).put("extensions", extensions));
    }

    private static void reject(RoutingContext ctx, int status, @Nullable String message) {
        respond(
                ctx,
                status,
                new JsonObject()
                        .put("message", message)
                        .put("extensions", new JsonObject().put("code", ErrorCode.BAD_QUERY.name())));
    }

    private static void respond(RoutingContext ctx, int status, JsonObject error) {
        ctx.response()
                .setStatusCode(status)
                .putHeader("content-type", "application/json")
                .end(new JsonObject().put("errors", new JsonArray().add(error)).encode());
    }
}
