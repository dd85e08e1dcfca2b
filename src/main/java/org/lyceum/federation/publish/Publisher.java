package org.lyceum.federation.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.lyceum.database.Sql;
import org.lyceum.federation.FederationConfig;
import org.lyceum.federation.delivery.Outbox;
import org.lyceum.job.JobSpec;
import org.lyceum.job.Jobs;

/**
 * Publishes what happened here: every new activity row (written in the transaction of its
 * change) is turned into deliveries by {@link Outgoing}, in one transaction that also marks the
 * row published, so a crash publishes a row again or not at all, never half. A row whose
 * deliveries fail to be written is tried again later and given up only after many attempts; its
 * actor's later rows wait behind it. Every instance claims rows with SKIP LOCKED.
 */
@ApplicationScoped
public class Publisher {

    public static final String JOB = "federation-publish";
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(Publisher.class);
    private static final int BATCH = 50;
    /** Retries of a row that failed: 10 s, 20 s, ... 2 560 s apart, about 85 minutes in all. */
    static final java.time.Duration RETRY_BASE = java.time.Duration.ofSeconds(10);

    static final int MAX_ATTEMPTS = 10;

    private final Sql sql;
    private final Outgoing outgoing;
    private final Outbox outbox;
    private final ObjectMapper mapper;
    private final FederationConfig config;
    private final org.lyceum.federation.delivery.DeliveryWorker delivery;

    Publisher(
            Sql sql,
            Outgoing outgoing,
            Outbox outbox,
            ObjectMapper mapper,
            FederationConfig config,
            org.lyceum.federation.delivery.DeliveryWorker delivery) {
        this.delivery = delivery;
        this.sql = sql;
        this.outgoing = outgoing;
        this.outbox = outbox;
        this.mapper = mapper;
        this.config = config;
    }

    void register(@Observes StartupEvent event, Jobs jobs) {
        jobs.register(JobSpec.shared(
                JOB, Math.max(1, config.poll().toSeconds()) + "s", job -> drain().map(n -> "published " + n)));
    }

    /** Publishes until no row waits; the number of rows. */
    public Uni<Integer> drain() {
        java.util.concurrent.atomic.AtomicInteger total = new java.util.concurrent.atomic.AtomicInteger();
        return Multi.createBy()
                .repeating()
                .uni(this::batch)
                .whilst(n -> n > 0)
                .onItem()
                .invoke(total::addAndGet)
                .collect()
                .last()
                .map(n -> total.get())
                .invoke(n -> {
                    if (n > 0) {
                        delivery.kick();
                    }
                });
    }

    private Uni<Integer> batch() {
        // A row waits behind an earlier row of its actor that failed, so an actor's activities go out in order.
        // The failed rows are read once per batch (a correlated subquery rescanned the backlog for every row).
        return sql.transactionWithSavepoints(tx -> tx.list(
                        "with held as materialized (select actor_id, min(seq) seq from activity"
                                + " where federated_at is null and publish_attempts > 0 group by actor_id)"
                                + " select a.id from activity a where a.federated_at is null"
                                + " and (a.publish_after is null or a.publish_after <= now())"
                                + " and not exists (select 1 from held h where h.actor_id = a.actor_id and h.seq < a.seq)"
                                + " order by a.seq limit $1 for update of a skip locked",
                        r -> r.getUUID("id"),
                        BATCH)
                .chain(ids -> ids.isEmpty()
                        ? Uni.createFrom().item(0)
                        : tx.list(Pending.SELECT + " where a.id = any($1) order by a.seq", Pending::from, (Object)
                                        ids.toArray(UUID[]::new))
                                .chain(rows -> {
                                    Set<UUID> failedActors = new HashSet<>();
                                    return Multi.createFrom()
                                            .iterable(rows)
                                            .onItem()
                                            .transformToUniAndConcatenate(row -> failedActors.contains(row.actorId())
                                                    ? Uni.createFrom()
                                                            .item(new Outcome(row.id(), Outcome.State.HELD, null))
                                                    : publish(tx, row).invoke(o -> {
                                                        if (o.state() == Outcome.State.FAILED) {
                                                            failedActors.add(row.actorId());
                                                        }
                                                    }))
                                            .collect()
                                            .asList();
                                })
                                .chain(outcomes -> {
                                    Set<UUID> unpublished = outcomes.stream()
                                            .filter(o -> o.state() != Outcome.State.PUBLISHED)
                                            .map(Outcome::id)
                                            .collect(Collectors.toSet());
                                    UUID[] published = ids.stream()
                                            .filter(id -> !unpublished.contains(id))
                                            .toArray(UUID[]::new);
                                    return tx.run(
                                                    "update activity set federated_at = now(), publish_error = null where id = any($1)",
                                                    (Object) published)
                                            .chain(() -> Multi.createFrom()
                                                    .iterable(outcomes)
                                                    .filter(o -> o.state() == Outcome.State.FAILED)
                                                    .onItem()
                                                    .transformToUniAndConcatenate(f -> retryLater(tx, f))
                                                    .collect()
                                                    .asList())
                                            .replaceWith(ids.size());
                                })));
    }

    /** How one row went; a row HELD behind its actor's failed row is left for a later batch. */
    private record Outcome(UUID id, State state, @Nullable String error) {
        enum State {
            PUBLISHED,
            FAILED,
            HELD
        }
    }

    /**
     * One row's deliveries, under a savepoint: a row that cannot be published is rolled back to
     * the savepoint and tried again later, so it cannot hold back the rows of other actors.
     */
    private Uni<Outcome> publish(Sql tx, Pending row) {
        return tx.run("savepoint publish_row")
                .chain(() -> Uni.createFrom().deferred(() -> outgoing.of(tx, row)))
                .chain(sends -> Multi.createFrom()
                        .iterable(sends)
                        .onItem()
                        .transformToUniAndConcatenate(s -> outbox.enqueue(
                                tx,
                                s.activity().id(),
                                s.signer(),
                                json(s.activity()),
                                s.inboxes().stream().map(URI::create).toList(),
                                row.traceParent()))
                        .collect()
                        .asList())
                .chain(() -> tx.run("release savepoint publish_row"))
                .replaceWith(new Outcome(row.id(), Outcome.State.PUBLISHED, null))
                .onFailure()
                .recoverWithUni(e -> {
                    LOG.errorf(
                            e,
                            "Could not publish activity %s (%s); tried again later, up to %d attempts",
                            row.apId(),
                            row.verb(),
                            MAX_ATTEMPTS);
                    return tx.run("rollback to savepoint publish_row")
                            .replaceWith(new Outcome(
                                    row.id(),
                                    Outcome.State.FAILED,
                                    e.getClass().getSimpleName() + ": " + e.getMessage()));
                });
    }

    /**
     * A failed row waits RETRY_BASE × 2^(attempts - 1) before its next try; after MAX_ATTEMPTS
     * (about 85 minutes of trying) it is given up: marked federated, its error kept in the row
     * (and logged at each try), and its actor's later rows go on.
     */
    private Uni<Integer> retryLater(Sql tx, Outcome failure) {
        return tx.run(
                "update activity set publish_attempts = publish_attempts + 1, publish_error = left($2, 1000),"
                        + " publish_after = now() + $3 * interval '1 second' * power(2, publish_attempts),"
                        + " federated_at = case when publish_attempts + 1 >= $4 then now() end where id = $1",
                failure.id(),
                failure.error(),
                RETRY_BASE.toSeconds(),
                MAX_ATTEMPTS);
    }

    private String json(Object document) {
        try {
            return mapper.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One activity to send: who signs it and which inboxes get it. */
    record Send(org.lyceum.federation.protocol.ActivityDocument activity, String signer, List<String> inboxes) {}
}
