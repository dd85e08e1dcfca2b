package org.lyceum.federation.delivery;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;
import org.lyceum.common.Time;
import org.lyceum.database.Sql;
import org.lyceum.federation.Authority;
import org.lyceum.federation.FederationConfig;
import org.lyceum.federation.fetch.FetchRefusedException;
import org.lyceum.federation.policy.DomainPolicy;
import org.lyceum.job.Failpoints;
import org.lyceum.job.JobContext;
import org.lyceum.job.JobSpec;
import org.lyceum.job.Jobs;
import org.lyceum.lock.ClusterLock;

/**
 * Sends the outbox. Every instance looks for hosts with deliveries due; a host's queue is then
 * worked by the one instance holding the lock {@code delivery:<host>}, so its ordering and
 * in-flight limit hold across the cluster, and when that instance dies the host passes to another
 * within one lease. Rows are still claimed with FOR UPDATE SKIP LOCKED and marked under their
 * claim, as digests are. Per host: several sends in flight, retries with exponential backoff and
 * jitter until give-up-after, 4xx other than 401/408/429 final, a circuit breaker, and a dead
 * mark after dead-after of failures without a success.
 */
@ApplicationScoped
public class DeliveryWorker {

    public static final String JOB = "federation-deliver";
    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);
    private static final String MILLIS = " * interval '1 millisecond'";

    private final Sql sql;
    private final ClusterLock lock;
    private final SignedPost poster;
    private final HostHealth health;
    private final FederationConfig.Delivery config;
    private final Failpoints failpoints;
    private final DomainPolicy policy;
    private final DueHosts hosts;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean rerun = new AtomicBoolean();
    private final Duration fetchTimeout;
    private final DeliveryTelemetry telemetry;

    DeliveryWorker(
            Sql sql,
            ClusterLock lock,
            SignedPost poster,
            HostHealth health,
            FederationConfig config,
            Failpoints failpoints,
            DomainPolicy policy,
            DueHosts hosts,
            DeliveryTelemetry telemetry) {
        this.telemetry = telemetry;
        this.hosts = hosts;
        this.policy = policy;
        this.failpoints = failpoints;
        this.sql = sql;
        this.lock = lock;
        this.poster = poster;
        this.health = health;
        this.config = config.delivery();
        this.fetchTimeout = config.fetchTimeout();
    }

    /** Null until registered, and when jobs do not run on this instance. */
    private volatile @Nullable Jobs jobs;

    void register(@Observes StartupEvent event, Jobs jobs, org.lyceum.job.JobConfig jobConfig) {
        jobs.register(JobSpec.shared(JOB, Math.max(1, config.poll().toSeconds()) + "s", this::work));
        this.jobs = jobConfig.enabled() ? jobs : null;
    }

    /** Starts a run now rather than at the next poll (when jobs run on this instance): new deliveries were written. */
    public void kick() {
        Jobs j = jobs;
        if (j != null) {
            j.runNow(JOB).subscribe().with(outcome -> {}, e -> LOG.warn("Delivery run failed", e));
        }
    }

    /**
     * One run: hosts with due deliveries are taken one at a time as a slot of hosts-per-instance
     * frees up, each drained under its lock for at most half a lease (then it goes back to the
     * pool, so one slow host holds a run only that long). One run at a time per instance: a run
     * asked for while one goes (the poll, or a kick by the publisher) makes it go round again.
     */
    public Uni<String> work(JobContext job) {
        if (!running.compareAndSet(false, true)) {
            rerun.set(true);
            return Uni.createFrom().item("already running");
        }
        AtomicInteger delivered = new AtomicInteger();
        return Multi.createBy()
                .repeating()
                .uni(() -> {
                    rerun.set(false);
                    return run(job, delivered);
                })
                .whilst(n -> rerun.get() && !job.stopping())
                .collect()
                .last()
                .onTermination()
                .invoke(() -> running.set(false))
                .map(done -> "delivered " + delivered.get());
    }

    private Uni<Integer> run(JobContext job, AtomicInteger delivered) {
        DueHosts.Pass pass = hosts.pass();
        return Multi.createBy()
                .repeating()
                .uni(pass::next)
                .until(h -> h.isEmpty() || job.stopping())
                .map(Optional::get)
                .onItem()
                .transformToUni(h -> lock.withLock(
                                "delivery:" + h.host(),
                                config.lease(),
                                lease -> drain(h.host(), h.open(), job, delivered))
                        .onFailure()
                        .invoke(e -> LOG.warnf(e, "Delivery to %s stopped", h.host()))
                        .onFailure()
                        .recoverWithNull()
                        .onTermination()
                        .invoke(() -> hosts.release(h.host())))
                .merge(config.hostsPerInstance())
                .collect()
                .last()
                .replaceWith(0);
    }

    /**
     * Batches of claimed deliveries, in-flight-per-host of them on the wire at any time, until
     * none is due or the breaker opens; one probe if it was open.
     */
    private Uni<Void> drain(String host, boolean probe, JobContext job, AtomicInteger delivered) {
        // Batches grow while the host answers and shrink at the first failure, so a host that
        // times out never holds a claim of many rows for longer than the lease.
        int inFlight = config.inFlightPerHost();
        AtomicInteger size = new AtomicInteger(probe ? 1 : inFlight);
        long until = System.nanoTime() + config.lease().toNanos() / 2;
        return Multi.createBy()
                .repeating()
                .uni(() -> round(host, size.get(), delivered)
                        .invoke(r -> size.set(r == Round.CLEAN ? Math.min(size.get() * 2, maxBatch()) : inFlight)))
                .whilst(r -> r != Round.DONE && !probe && !job.stopping() && System.nanoTime() < until)
                .collect()
                .last()
                .replaceWithVoid();
    }

    /** How a batch went: nothing more due (or the breaker opened), more due after failures, more due after none. */
    private enum Round {
        DONE,
        FAILURES,
        CLEAN
    }

    /**
     * The largest batch: up to 8 × in-flight, but no more waves of sends than time out within a
     * lease, so a claim outlives the lease by at most one fetch timeout (a crashed instance's rows
     * wait that long, not minutes).
     */
    private int maxBatch() {
        long waves = Math.max(1, config.lease().toMillis() / fetchTimeout.toMillis());
        return (int) (config.inFlightPerHost() * Math.min(8, waves));
    }

    /** A batch's claim lasts until all of its waves could have timed out, so no other instance reclaims rows still on the wire. */
    private long claimMillis(int size) {
        int waves = (size + config.inFlightPerHost() - 1) / config.inFlightPerHost();
        return Math.max(config.lease().toMillis(), waves * fetchTimeout.toMillis() + 5_000);
    }

    private Uni<Round> round(String host, int size, AtomicInteger delivered) {
        UUID claim = UUID.randomUUID();
        return sql.list(
                        "update delivery d set state = 'SENDING', claim = $1, claimed_by = $2, attempts = d.attempts + 1,"
                                + " next_attempt = now() + $3" + MILLIS
                                + " where d.id in (select id from delivery where host = $4 and state in ('PENDING', 'SENDING')"
                                + " and next_attempt <= now() order by id limit $5 for update skip locked)"
                                + " returning " + ClaimedDelivery.COLUMNS,
                        ClaimedDelivery::from,
                        claim,
                        lock.holder(),
                        claimMillis(size),
                        host,
                        size)
                .call(rows -> rows.isEmpty() ? Uni.createFrom().voidItem() : failpoints.pass("delivery.after-claim"))
                .chain(rows -> rows.isEmpty()
                        ? Uni.createFrom().item(Round.DONE)
                        : Multi.createFrom()
                                .iterable(rows)
                                .onItem()
                                .transformToUni(row -> send(row, claim))
                                .merge(Math.min(size, config.inFlightPerHost()))
                                .collect()
                                .asList()
                                .call(attempts -> delivered(attempts, claim))
                                .chain(attempts -> {
                                    delivered.addAndGet((int) attempts.stream()
                                            .filter(a -> a.outcome() == Outcome.DELIVERED)
                                            .count());
                                    boolean clean = attempts.stream().allMatch(a -> a.outcome() == Outcome.DELIVERED);
                                    return recordHost(host, attempts)
                                            .map(breaker -> rows.size() < size || "OPEN".equals(breaker)
                                                    ? Round.DONE
                                                    : clean ? Round.CLEAN : Round.FAILURES);
                                }));
    }

    /** How one attempt went, as far as the host's health is concerned. */
    private enum Outcome {
        DELIVERED,
        /** The host answered but refused this object for good (a 4xx): the host itself is fine. */
        REFUSED,
        /** The host failed: a server error, a timeout, no connection, 401/408/429. */
        HOST_FAILED
    }

    /** An attempt's outcome; a delivered one carries its row and status, marked with the rest of its batch. */
    private record Attempt(Outcome outcome, @Nullable String error, long id, int status) {

        Attempt(Outcome outcome, @Nullable String error) {
            this(outcome, error, 0, 0);
        }
    }

    /** One POST, traced and counted ({@link DeliveryTelemetry}). */
    private Uni<Attempt> send(ClaimedDelivery row, UUID claim) {
        URI inbox = URI.create(row.inbox());
        return telemetry.traced(
                row.activityId(),
                row.traceParent(),
                inbox,
                row.attempts(),
                () -> post(row, claim, inbox),
                Attempt::status,
                a -> a.outcome().name());
    }

    private Uni<Attempt> post(ClaimedDelivery row, UUID claim, URI inbox) {
        byte[] body = row.body().getBytes(StandardCharsets.UTF_8);
        if (policy.suspended(Authority.of(inbox))) {
            // Suspended after the delivery was written: given up, and not the host's fault.
            return failed(row, claim, null, "the domain is suspended by this instance's policy", true)
                    .replaceWith(new Attempt(Outcome.REFUSED, "suspended"));
        }
        return poster.send(inbox, body, row.signer())
                .chain(response -> {
                    int status = response.status();
                    if (status >= 200 && status < 300) {
                        telemetry.count(DeliveryTelemetry.DELIVERED);
                        return Uni.createFrom().item(new Attempt(Outcome.DELIVERED, null, row.id(), status));
                    }
                    boolean permanent =
                            status >= 400 && status < 500 && status != 401 && status != 408 && status != 429;
                    return failed(row, claim, status, "HTTP " + status, permanent)
                            .replaceWith(new Attempt(
                                    permanent ? Outcome.REFUSED : Outcome.HOST_FAILED, "HTTP " + status, 0, status));
                })
                .onFailure()
                .recoverWithUni(e -> failed(
                                row,
                                claim,
                                null,
                                String.valueOf(e.getMessage()),
                                e instanceof FetchRefusedException f && f.permanent())
                        .replaceWith(new Attempt(Outcome.HOST_FAILED, String.valueOf(e.getMessage()))));
    }

    /**
     * The batch's delivered rows, in one statement. A crash between a send and this mark sends
     * those rows again once their claim runs out: delivery is at least once, and receivers
     * (Lyceum's inboxes among them) drop an activity id they already have.
     */
    private Uni<Void> delivered(List<Attempt> attempts, UUID claim) {
        List<Attempt> done =
                attempts.stream().filter(a -> a.outcome() == Outcome.DELIVERED).toList();
        if (done.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return sql.run(
                        "update delivery d set state = 'DELIVERED', delivered_at = now(), last_status = s.status, claim = null"
                                + " from unnest($1::bigint[], $2::int[]) as s(id, status) where d.id = s.id and d.claim = $3",
                        done.stream().map(Attempt::id).toArray(Long[]::new),
                        done.stream().map(Attempt::status).toArray(Integer[]::new),
                        claim)
                .replaceWithVoid();
    }

    /** A failed attempt: final when permanent or past give-up-after, else retried after a backoff. */
    private Uni<Void> failed(
            ClaimedDelivery row, UUID claim, @Nullable Integer status, String error, boolean permanent) {
        boolean giveUp = permanent || row.createdAt().plus(config.giveUpAfter()).isBefore(Time.now());
        long base = config.retryBase().toMillis();
        long backoff = Math.min(config.retryMax().toMillis(), base << Math.min(20, Math.max(0, row.attempts() - 1)));
        long delay = backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
        telemetry.count(giveUp ? DeliveryTelemetry.GIVEN_UP : DeliveryTelemetry.RETRIED);
        Uni<Integer> mark = giveUp
                ? sql.run(
                        "update delivery set state = 'FAILED', last_status = $3, last_error = $4, claim = null"
                                + " where id = $1 and claim = $2",
                        row.id(),
                        claim,
                        status,
                        error)
                : sql.run(
                        "update delivery set state = 'PENDING', next_attempt = now() + $5" + MILLIS
                                + ", last_status = $3, last_error = $4, claim = null where id = $1 and claim = $2",
                        row.id(),
                        claim,
                        status,
                        error,
                        delay);
        return mark.replaceWithVoid();
    }

    /** The host's health after a batch (see {@link HostHealth}); returns its breaker. */
    private Uni<String> recordHost(String host, List<Attempt> attempts) {
        return attempts.stream().anyMatch(a -> a.outcome() != Outcome.HOST_FAILED)
                ? health.answered(host)
                : health.failed(
                        host, attempts.size(), attempts.get(attempts.size() - 1).error());
    }
}
