package org.lyceum.graphql;

import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.smallrye.graphql.api.Context;
import io.smallrye.graphql.cdi.event.AfterExecute;
import io.smallrye.graphql.cdi.event.BeforeExecute;
import io.smallrye.graphql.cdi.event.ErrorExecute;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * lyceum_graphql_operations_seconds: one sample per top-level field of each executed operation,
 * tagged with the operation type, the field and the outcome (ok or the first error's code). The
 * client's free-form operation name and aliases are never tags, and a document that did not
 * validate is tagged {@code (invalid)}, so tag values are bounded by the schema.
 */
@ApplicationScoped
public class OperationMetrics {

    private static final int CACHED_DOCUMENTS = 500;
    static final String INVALID = "(invalid)";

    private final MeterRegistry meters;
    private final Map<String, Long> started = new ConcurrentHashMap<>();
    /** Top-level fields per (document, operation name): clients send the same few documents. */
    private final Map<String, List<String>> fields = new ConcurrentHashMap<>();

    OperationMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    /**
     * Starts the clock and names the operation's span after its top-level fields (SmallRye names
     * it just "GraphQL"), so a trace shows what was asked.
     */
    void before(@Observes @BeforeExecute Context context) {
        started.put(context.getExecutionId(), System.nanoTime());
        Span span = Span.current();
        String fields = String.join(",", topLevelFields(context));
        span.setAttribute("lyceum.graphql.fields", fields);
        if (span instanceof ReadableSpan readable && readable.getName().equals("GraphQL")) {
            span.updateName("GraphQL " + type(context) + " " + fields);
        }
    }

    void failed(@Observes @ErrorExecute Context context) {
        record(context, "INTERNAL");
    }

    /** After {@link ErrorCodes} (priority 2500) has given every error its code. */
    void after(@Observes @Priority(3000) @AfterExecute Context context) {
        ExecutionResult result = context.unwrap(ExecutionResult.class);
        String outcome = "ok";
        if (result != null && !result.getErrors().isEmpty()) {
            GraphQLError first = result.getErrors().get(0);
            Object code =
                    first.getExtensions() == null ? null : first.getExtensions().get("code");
            outcome = code == null ? "error" : code.toString();
        }
        boolean invalid = result != null && result.getData() == null && "BAD_QUERY".equals(outcome);
        record(context, invalid ? null : outcome);
    }

    private void record(Context context, @Nullable String outcome) {
        Long start = started.remove(context.getExecutionId());
        if (start == null) {
            return;
        }
        long elapsed = System.nanoTime() - start;
        String type = type(context);
        List<String> roots = outcome == null ? List.of(INVALID) : topLevelFields(context);
        for (String field : roots) {
            Timer.builder("lyceum.graphql.operations")
                    .description("GraphQL operations by top-level field and outcome")
                    .tag("type", type)
                    .tag("field", field)
                    .tag("outcome", outcome == null ? "BAD_QUERY" : outcome)
                    .register(meters)
                    .record(elapsed, TimeUnit.NANOSECONDS);
        }
    }

    private static String type(Context context) {
        return context.getRequestedOperationTypes().isEmpty()
                ? "unknown"
                : context.getRequestedOperationTypes().get(0).toLowerCase(java.util.Locale.ROOT);
    }

    private List<String> topLevelFields(Context context) {
        String query = context.getQuery();
        if (query == null) {
            return List.of(INVALID);
        }
        String operation = context.getOperationName().orElse(null);
        String key = (operation == null ? "" : operation) + '\u0000' + query;
        List<String> known = fields.get(key);
        if (known != null) {
            return known;
        }
        List<String> found = parse(query, operation);
        if (fields.size() >= CACHED_DOCUMENTS) {
            fields.clear();
        }
        fields.put(key, found);
        return found;
    }

    static List<String> parse(String query, @Nullable String operation) {
        Document document;
        try {
            document = Parser.parse(query);
        } catch (RuntimeException e) {
            return List.of(INVALID);
        }
        List<String> names = new ArrayList<>();
        for (OperationDefinition definition : document.getDefinitionsOfType(OperationDefinition.class)) {
            if (operation != null && !operation.equals(definition.getName())) {
                continue;
            }
            definition.getSelectionSet().getSelectionsOfType(Field.class).stream()
                    .map(Field::getName)
                    .filter(name -> !names.contains(name))
                    .forEach(names::add);
            break;
        }
        return names.isEmpty() ? List.of("(other)") : names; // e.g. only fragment spreads at the top
    }
}
