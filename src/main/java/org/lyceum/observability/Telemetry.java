package org.lyceum.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Spans for work that no request carries (deliveries, inbox processing, jobs, digests) and the
 * W3C {@code traceparent} that ties such work back to the request that caused it: an activity
 * stores the trace it was recorded in, and its deliveries link to it.
 */
@ApplicationScoped
public class Telemetry {

    public static final AttributeKey<String> ACTIVITY_ID = AttributeKey.stringKey("lyceum.activity.id");
    public static final AttributeKey<String> JOB = AttributeKey.stringKey("lyceum.job");
    public static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("lyceum.outcome");
    public static final AttributeKey<String> SERVER = AttributeKey.stringKey("server.address");

    private static final Pattern TRACEPARENT = Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

    private final Tracer tracer;
    private final MeterRegistry registry;

    Telemetry(Tracer tracer, MeterRegistry registry) {
        this.tracer = tracer;
        this.registry = registry;
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** A new span, with no parent unless one is current. */
    public SpanBuilder span(String name, SpanKind kind) {
        return tracer.spanBuilder(name).setSpanKind(kind);
    }

    /** A root span that links to the trace in {@code traceparent} (when there is one): work caused by it, later. */
    public SpanBuilder linkedRoot(String name, SpanKind kind, @Nullable String traceparent) {
        SpanBuilder builder = tracer.spanBuilder(name).setSpanKind(kind).setNoParent();
        SpanContext cause = parse(traceparent);
        if (cause.isValid()) {
            builder.addLink(cause);
        }
        return builder;
    }

    /**
     * Runs {@code work} inside the span built here, ending it when the work ends; a failure is
     * recorded on the span and passed on. The span is not made current: the work may hop threads.
     */
    public static <T> Uni<T> traced(SpanBuilder builder, Function<Span, Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            Span span = builder.startSpan();
            Uni<T> running;
            try {
                running = work.apply(span);
            } catch (RuntimeException e) {
                end(span, e);
                throw e;
            }
            return running.onItemOrFailure()
                    .invoke((item, failure) -> end(span, failure))
                    .onCancellation()
                    .invoke(span::end);
        });
    }

    private static void end(Span span, Throwable failure) {
        if (failure != null) {
            span.recordException(failure);
            span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
        }
        span.end();
    }

    /** The current span's {@code traceparent}, or null outside any sampled trace. */
    public static @Nullable String currentTraceparent() {
        SpanContext context = Span.current().getSpanContext();
        if (!context.isValid()) {
            return null;
        }
        return "00-" + context.getTraceId() + "-" + context.getSpanId() + "-"
                + context.getTraceFlags().asHex();
    }

    /** The trace id of the current span, for log lines; "none" outside a trace. */
    public static String currentTraceId() {
        SpanContext context = Span.current().getSpanContext();
        return context.isValid() ? context.getTraceId() : "none";
    }

    static SpanContext parse(@Nullable String traceparent) {
        if (traceparent == null || !TRACEPARENT.matcher(traceparent).matches()) {
            return SpanContext.getInvalid();
        }
        return SpanContext.createFromRemoteParent(
                traceparent.substring(3, 35),
                traceparent.substring(36, 52),
                TraceFlags.fromHex(traceparent, 53),
                TraceState.getDefault());
    }
}
