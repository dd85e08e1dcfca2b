package org.lyceum.support;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Every span the test JVM's Quarkus ends, kept in memory: a span processor bean, which Quarkus
 * adds to its tracer provider beside the (disabled) export. Not an exporter bean, so the app's
 * own export setting is what the tests run with.
 */
@Singleton
public class InMemorySpans {

    private static final InMemorySpanExporter EXPORTER = InMemorySpanExporter.create();

    @Produces
    @Singleton
    SpanProcessor inMemory() {
        return SimpleSpanProcessor.create(EXPORTER);
    }

    public static List<SpanData> finished() {
        return EXPORTER.getFinishedSpanItems();
    }
}
