package org.lyceum.federation.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.trace.SpanKind;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;
import org.lyceum.database.Sql;
import org.lyceum.federation.FederationConfig;
import org.lyceum.federation.protocol.Json;
import org.lyceum.job.JobSpec;
import org.lyceum.job.Jobs;
import org.lyceum.observability.Telemetry;

/**
 * Works through received activities: every instance claims batches with SKIP LOCKED (a claim
 * lasts a few minutes, so the rows of an instance that died are taken up again), runs each
 * activity's handler, and marks the row in the handler's own transaction. A failure is retried
 * with backoff; an activity that keeps failing ends FAILED with its error. An inbox POST kicks
 * processing at once; the job catches whatever a kick missed.
 */
@ApplicationScoped
public class InboxProcessor {

    public static final String JOB = "federation-inbox";
    private static final Logger LOG = Logger.getLogger(InboxProcessor.class);
    private static final int BATCH = 32;
    private static final int CONCURRENCY = 4;
    private static final int MAX_ATTEMPTS = 10;

    private final Sql sql;
    private final Handlers handlers;
    private final ObjectMapper mapper;
    private final FederationConfig config;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    private final Telemetry telemetry;

    InboxProcessor(Sql sql, Handlers handlers, ObjectMapper mapper, FederationConfig config, Telemetry telemetry) {
        this.telemetry = telemetry;
        this.sql = sql;
        this.handlers = handlers;
        this.mapper = mapper;
        this.config = config;
    }

    void register(@Observes StartupEvent event, Jobs jobs) {
        jobs.register(JobSpec.shared(
                JOB, Math.max(1, config.poll().toSeconds()) + "s", job -> drain().map(n -> "processed " + n)));
    }

    /** Processing soon, without waiting for the job's next run. */
    public void kick() {
        drain().subscribe().with(n -> {}, e -> LOG.warn("Inbox processing failed", e));
    }

    /** Processes until nothing is due; a call while another runs makes that one go round again. */
    public Uni<Integer> drain() {
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return Uni.createFrom().item(0);
        }
        again.set(false);
        AtomicInteger done = new AtomicInteger();
        return Multi.createBy()
                .repeating()
                .uni(this::batch)
                .whilst(n -> n > 0 || again.getAndSet(false))
                .onItem()
                .invoke(done::addAndGet)
                .collect()
                .last()
                .onTermination()
                .invoke(() -> running.set(false))
                .map(n -> done.get());
    }

    private Uni<Integer> batch() {
        return sql.list(
                        "update inbox_activity set attempts = attempts + 1, next_attempt = now() + interval '5 minutes'"
                                + " where id in (select id from inbox_activity where state = 'PENDING' and next_attempt <= now()"
                                + " order by id limit $1 for update skip locked) returning id, inbox, ap_id, actor, type, body, attempts",
                        r -> new Row(
                                r.getLong("id"),
                                r.getString("inbox"),
                                r.getString("ap_id"),
                                r.getString("actor"),
                                r.getString("type"),
                                r.getString("body"),
                                r.getInteger("attempts")),
                        BATCH)
                .chain(rows -> rows.isEmpty()
                        ? Uni.createFrom().item(0)
                        // One actor's activities in the order they came (a Like before its Undo), actors side by side.
                        : Multi.createFrom()
                                .iterable(rows.stream()
                                        .sorted((a, b) -> Long.compare(a.id, b.id))
                                        .collect(java.util.stream.Collectors.groupingBy(
                                                Row::actor,
                                                java.util.LinkedHashMap::new,
                                                java.util.stream.Collectors.toList()))
                                        .values())
                                .onItem()
                                .transformToUni(group -> Multi.createFrom()
                                        .iterable(group)
                                        .onItem()
                                        .transformToUniAndConcatenate(this::process)
                                        .collect()
                                        .asList())
                                .merge(CONCURRENCY)
                                .collect()
                                .asList()
                                .map(done -> rows.size()));
    }

    private record Row(long id, String inbox, String apId, String actor, String type, String body, int attempts) {}

    /** One activity, in a span of its own; lyceum_inbox_processed_total counts it by type and outcome. */
    private Uni<String> process(Row row) {
        ActivityHandler handler = handlers.of(row.type);
        // Types come from other servers: only those with a handler are label values.
        String type = handler == null ? "other" : row.type;
        return Telemetry.traced(
                telemetry
                        .span("inbox process " + type, SpanKind.CONSUMER)
                        .setAttribute(Telemetry.ACTIVITY_ID, row.apId)
                        .setAttribute("lyceum.inbox", row.inbox),
                span -> handle(row, handler).invoke(outcome -> {
                    span.setAttribute(Telemetry.OUTCOME, outcome);
                    telemetry
                            .registry()
                            .counter("lyceum.inbox.processed", "type", type, "outcome", outcome)
                            .increment();
                }));
    }

    private Uni<String> handle(Row row, @Nullable ActivityHandler handler) {
        if (handler == null) {
            return finish(row, "IGNORED", "no handler for " + row.type).replaceWith("ignored");
        }
        JsonNode json;
        try {
            json = mapper.readTree(row.body);
        } catch (java.io.IOException e) {
            return finish(row, "IGNORED", "unreadable").replaceWith("ignored");
        }
        Received received = new Received(
                row.inbox,
                row.apId,
                row.actor,
                Objects.requireNonNull(Json.type(json), "the receiver stores only activities with a type"),
                json,
                null);
        // deferred: a handler that throws instead of failing its Uni fails only this row.
        return Uni.createFrom()
                .deferred(() -> handler.verify(received))
                .chain(ready -> sql.transaction(tx -> Uni.createFrom()
                        .deferred(() -> handler.receive(tx, ready))
                        .chain(() -> tx.run(
                                "update inbox_activity set state = 'DONE', processed_at = now(), error = null where id = $1",
                                row.id))))
                .replaceWith("done")
                .onFailure(Ignored.class)
                .recoverWithUni(e -> finish(row, "IGNORED", e.getMessage()).replaceWith("ignored"))
                .onFailure()
                .recoverWithUni(e -> retry(row, e));
    }

    private Uni<Void> finish(Row row, String state, @Nullable String reason) {
        return sql.run(
                        "update inbox_activity set state = $2, processed_at = now(), error = $3 where id = $1",
                        row.id,
                        state,
                        reason)
                .replaceWithVoid();
    }

    private Uni<String> retry(Row row, Throwable e) {
        String error = e.getClass().getSimpleName() + ": " + e.getMessage();
        if (row.attempts >= MAX_ATTEMPTS) {
            LOG.infof("Gave up on %s %s after %d attempts: %s", row.type, row.apId, row.attempts, error);
            return finish(row, "FAILED", error).replaceWith("failed");
        }
        long delayMs = Math.min(3_600_000L, 5_000L << Math.min(row.attempts - 1, 20));
        LOG.debugf("Will retry %s %s: %s", row.type, row.apId, error);
        return sql.run(
                        "update inbox_activity set next_attempt = now() + $2 * interval '1 millisecond', error = $3 where id = $1",
                        row.id,
                        delayMs,
                        error)
                .replaceWith("retried");
    }
}
