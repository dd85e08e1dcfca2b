package org.lyceum.observability;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Traces and metrics (docs/operations.md). */
@ConfigMapping(prefix = "lyceum.telemetry")
public interface TelemetryConfig {

    /**
     * Send spans to the OTLP collector at {@code quarkus.otel.exporter.otlp.endpoint}. Off: spans
     * are still made, so their ids reach the logs, but leave the process nowhere.
     */
    @WithDefault("false")
    boolean otlpExport();

    /** How often the cluster-wide queue gauges (deliveries, hosts, inbox) are read from the database. */
    @WithDefault("15s")
    Duration samplePeriod();
}
