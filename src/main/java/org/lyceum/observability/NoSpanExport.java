package org.lyceum.observability;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.lookup.LookupUnlessProperty;
import jakarta.inject.Singleton;
import java.util.Collection;

/**
 * Traces are made (their ids reach the logs) but sent nowhere unless the operator turns export on
 * with {@code lyceum.telemetry.otlp-export=true} ({@link TelemetryConfig}): Quarkus builds its OTLP exporter only when no other
 * span exporter bean is there, and this one steps aside when export is on.
 */
@Singleton
@LookupUnlessProperty(name = "lyceum.telemetry.otlp-export", stringValue = "true", lookupIfMissing = true)
public class NoSpanExport implements SpanExporter {

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
