package org.lyceum.federation.delivery;

import io.micrometer.core.instrument.Counter;
import io.opentelemetry.api.trace.SpanKind;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import org.jspecify.annotations.Nullable;
import org.lyceum.federation.Authority;
import org.lyceum.observability.Telemetry;

/**
 * What deliveries tell an operator (docs/operations.md): a span per POST that links to the trace of
 * the change it announces, and lyceum_deliveries_total by outcome.
 */
@ApplicationScoped
@Startup // its series exist from start, not from the first delivery: a scrape before it sees them at zero
class DeliveryTelemetry {

    static final String DELIVERED = "delivered";
    static final String RETRIED = "retried";
    static final String GIVEN_UP = "given_up";

    private final Telemetry telemetry;
    private final Map<String, Counter> outcomes;

    DeliveryTelemetry(Telemetry telemetry) {
        this.telemetry = telemetry;
        // Every outcome's series exists from the start, at zero.
        this.outcomes = Map.of(
                DELIVERED, counter(DELIVERED),
                RETRIED, counter(RETRIED),
                GIVEN_UP, counter(GIVEN_UP));
    }

    private Counter counter(String outcome) {
        return telemetry.registry().counter("lyceum.deliveries", "outcome", outcome);
    }

    void count(String outcome) {
        Counter counter = outcomes.get(outcome);
        if (counter == null) {
            throw new IllegalArgumentException("no delivery outcome " + outcome);
        }
        counter.increment();
    }

    /** Runs one POST in a span of its own, linked to {@code traceParent} (the change's trace) when there is one. */
    <T> Uni<T> traced(
            String activityId,
            @Nullable String traceParent,
            URI inbox,
            int attempt,
            Supplier<Uni<T>> post,
            ToIntFunction<T> status,
            Function<T, String> outcome) {
        return Telemetry.traced(
                telemetry
                        .linkedRoot("federation deliver", SpanKind.CLIENT, traceParent)
                        .setAttribute(Telemetry.ACTIVITY_ID, activityId)
                        .setAttribute(Telemetry.SERVER, Authority.of(inbox))
                        .setAttribute("lyceum.delivery.attempt", attempt),
                span -> post.get().invoke(result -> {
                    if (status.applyAsInt(result) > 0) {
                        span.setAttribute("http.response.status_code", status.applyAsInt(result));
                    }
                    span.setAttribute(Telemetry.OUTCOME, outcome.apply(result));
                }));
    }
}
