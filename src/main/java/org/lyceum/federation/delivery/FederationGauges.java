package org.lyceum.federation.delivery;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;
import org.lyceum.database.Sql;
import org.lyceum.observability.TelemetryConfig;

/**
 * The federation queues as an operator watches them: queued deliveries and the age of the oldest,
 * hosts by state, received activities waiting to be processed. Read from the database (the
 * queues are cluster-wide) in one statement every sampling period, so a scrape costs nothing.
 */
@ApplicationScoped
public class FederationGauges {

    private static final Logger LOG = Logger.getLogger(FederationGauges.class);

    private final Sql sql;
    private final Vertx vertx;
    private final Duration period;
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong oldestSeconds = new AtomicLong();
    private final AtomicLong alive = new AtomicLong();
    private final AtomicLong dead = new AtomicLong();
    private final AtomicLong open = new AtomicLong();
    private final AtomicLong inboxQueued = new AtomicLong();
    private long timer = -1;

    FederationGauges(Sql sql, Vertx vertx, MeterRegistry meters, TelemetryConfig config) {
        this.sql = sql;
        this.vertx = vertx;
        this.period = config.samplePeriod();
        Gauge.builder("lyceum.deliveries.queued", queued, AtomicLong::get)
                .description("Deliveries waiting or being sent, cluster-wide")
                .register(meters);
        Gauge.builder("lyceum.deliveries.oldest.age.seconds", oldestSeconds, AtomicLong::get)
                .description("Age of the oldest queued delivery")
                .register(meters);
        gauge(meters, "alive", alive);
        gauge(meters, "dead", dead);
        gauge(meters, "breaker_open", open);
        Gauge.builder("lyceum.inbox.queued", inboxQueued, AtomicLong::get)
                .description("Received activities waiting to be processed, cluster-wide")
                .register(meters);
    }

    private static void gauge(MeterRegistry meters, String state, AtomicLong value) {
        Gauge.builder("lyceum.federation.hosts", value, AtomicLong::get)
                .tag("state", state)
                .description("Remote hosts we deliver to, by state")
                .register(meters);
    }

    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(0, period.toMillis(), id -> sample());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Reads all gauges in one statement; a failure keeps the last values and is logged quietly. */
    void sample() {
        sql.one(
                        "select (select count(*) from delivery where state in ('PENDING', 'SENDING')) as queued,"
                                + " (select coalesce(extract(epoch from now() - min(created_at)), 0)::bigint"
                                + " from delivery where state in ('PENDING', 'SENDING')) as oldest,"
                                + " (select count(*) from federation_host where state = 'ALIVE') as alive,"
                                + " (select count(*) from federation_host where state = 'DEAD') as dead,"
                                + " (select count(*) from federation_host where breaker = 'OPEN') as open,"
                                + " (select count(*) from inbox_activity where state = 'PENDING') as inbox",
                        r -> {
                            queued.set(r.getLong("queued"));
                            oldestSeconds.set(r.getLong("oldest"));
                            alive.set(r.getLong("alive"));
                            dead.set(r.getLong("dead"));
                            open.set(r.getLong("open"));
                            inboxQueued.set(r.getLong("inbox"));
                            return r;
                        })
                .subscribe()
                .with(r -> {}, e -> LOG.debugf("Could not sample the federation gauges: %s", e.getMessage()));
    }
}
