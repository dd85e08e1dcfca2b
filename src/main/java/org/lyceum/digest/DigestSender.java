package org.lyceum.digest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.SpanKind;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.mail.SMTPException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;
import org.lyceum.database.Sql;
import org.lyceum.database.SqlRow;
import org.lyceum.job.Failpoints;
import org.lyceum.job.JobContext;
import org.lyceum.observability.Telemetry;

/**
 * The shared half of digests: every instance claims planned rows with FOR UPDATE SKIP LOCKED, so
 * no two instances hold the same row, and sends them. A row is marked SENT right after the SMTP
 * server accepted its message, under the claim that sent it. A claim that runs out (its instance
 * died or stalled) makes the row claimable again.
 *
 * <p>The one window for a duplicate: the server accepted the message and the instance stopped
 * before the mark committed, or stalled past its claim between confirming it and the acceptance.
 * A mark that finds its claim gone is counted (lyceum.digest.late.marks) and logged.
 */
@ApplicationScoped
public class DigestSender {

    private static final Logger LOG = Logger.getLogger(DigestSender.class);
    private static final String MILLIS = " * interval '1 millisecond'";

    private final Sql sql;
    private final DigestConfig config;
    private final DigestComposer composer;
    private final DigestMail mail;
    private final UnsubscribeTokens tokens;
    private final ReactiveMailer mailer;
    private final Counter sent;
    private final Counter refusedForGood;
    private final Counter deferred;
    private final Counter lateMarks;
    private final Telemetry telemetry;
    private final Failpoints failpoints;

    DigestSender(
            Sql sql,
            DigestConfig config,
            DigestComposer composer,
            DigestMail mail,
            UnsubscribeTokens tokens,
            ReactiveMailer mailer,
            Telemetry telemetry,
            Failpoints failpoints) {
        this.failpoints = failpoints;
        this.sql = sql;
        this.config = config;
        this.composer = composer;
        this.mail = mail;
        this.tokens = tokens;
        this.mailer = mailer;
        this.telemetry = telemetry;
        MeterRegistry meters = telemetry.registry();
        // sent: accepted by SMTP; failed: refused for good; deferred: a transient failure, retried later.
        this.sent = meters.counter("lyceum.digests", "outcome", "sent");
        this.refusedForGood = meters.counter("lyceum.digests", "outcome", "failed");
        this.deferred = meters.counter("lyceum.digests", "outcome", "deferred");
        this.lateMarks = meters.counter("lyceum.digest.late.marks");
    }

    /** Sends claimed batches until none is due; the number of digests the SMTP server accepted. */
    public Uni<String> sendDue(JobContext job) {
        AtomicLong accepted = new AtomicLong();
        return Multi.createBy()
                .repeating()
                .uni(() -> batch(job, accepted))
                .whilst(claimed -> claimed == config.batch() && !job.stopping())
                .collect()
                .last()
                .map(ignored -> "sent " + accepted.get() + " digests");
    }

    /**
     * One batch: claim, compose all in one statement, then for each row (several at once): confirm
     * the claim, send, mark as soon as the server accepted it.
     */
    private Uni<Integer> batch(JobContext job, AtomicLong accepted) {
        UUID claim = UUID.randomUUID();
        return claim(job, claim)
                .chain(rows -> rows.isEmpty()
                        ? Uni.createFrom().item(0)
                        : failpoints
                                .pass("digest.send.after-claim")
                                .chain(() -> compose(rows, claim))
                                .chain(composed -> Multi.createFrom()
                                        .iterable(rows)
                                        .filter(row -> composed.containsKey(row.id()))
                                        .onItem()
                                        .transformToUni(row -> confirm(row, claim)
                                                .chain(held -> held
                                                        ? send(
                                                                row,
                                                                claim,
                                                                Objects.requireNonNull(
                                                                        composed.get(row.id()),
                                                                        "only composed rows pass the filter"))
                                                        : Uni.createFrom().item(false))
                                                .invoke(ok -> {
                                                    if (ok) {
                                                        accepted.incrementAndGet();
                                                    }
                                                }))
                                        .merge(config.concurrency())
                                        .collect()
                                        .asList())
                                .replaceWith(rows.size()));
    }

    /**
     * What each claimed row will say; rows without an address or without anything new are
     * finished here and left out. If composing fails, the whole batch goes back for a retry.
     */
    private Uni<Map<Long, DigestComposer.Contents>> compose(List<Claimed> rows, UUID claim) {
        List<DigestComposer.Request> requests = rows.stream()
                .filter(r -> r.email() != null && !r.off())
                .map(r -> new DigestComposer.Request(r.id(), r.person(), r.since(), r.until()))
                .toList();
        return composer.compose(requests)
                .call(composed -> Multi.createFrom()
                        .iterable(rows)
                        .filter(row -> !composed.containsKey(row.id()))
                        .onItem()
                        .transformToUniAndMerge(row -> finish(
                                row,
                                claim,
                                row.off() ? "UNSUBSCRIBED" : row.email() == null ? "NO_ADDRESS" : "EMPTY",
                                null))
                        .collect()
                        .asList())
                .onFailure()
                .recoverWithUni(e -> Multi.createFrom()
                        .iterable(rows)
                        .onItem()
                        .transformToUniAndMerge(row -> retry(row, claim, e))
                        .collect()
                        .asList()
                        .replaceWith(Map.<Long, DigestComposer.Contents>of()));
    }

    private Uni<List<Claimed>> claim(JobContext job, UUID claim) {
        String mine = job.coordinated() ? "" : " and period like '%@' || $5";
        List<@Nullable Object> params =
                Sql.params(claim, job.holder(), config.claimTime().toMillis(), config.batch());
        if (!job.coordinated()) {
            params.add(job.holder());
        }
        return sql.list(
                "update digest_delivery d set state = 'SENDING', claim = $1, claimed_by = $2,"
                        + " next_attempt = now() + $3" + MILLIS + ", attempts = d.attempts + 1"
                        + " where d.id in (select id from digest_delivery where state in ('PENDING', 'SENDING')"
                        + " and next_attempt <= now()" + mine
                        + " order by next_attempt, id limit $4 for update skip locked)"
                        + " returning d.id, d.person_id, d.period, d.since, d.until, d.attempts,"
                        + " (select a.email from account a where a.person_id = d.person_id and a.email_verified) as email,"
                        // Unsubscribed since planning (or during a retry backoff): finished without sending.
                        + " exists(select 1 from notification_setting s where s.person_id = d.person_id and s.digest = 'OFF') as off,"
                        + " (select p.display_name from person p where p.id = d.person_id) as name",
                Claimed::from,
                params.toArray());
    }

    /** True when the SMTP server accepted the digest. Never fails: failures go back to the ledger. */
    private Uni<Boolean> send(Claimed row, UUID claim, DigestComposer.Contents contents) {
        return Telemetry.traced(
                telemetry.span("digest send", SpanKind.CLIENT).setAttribute("lyceum.digest.id", row.id()),
                span -> sendTraced(row, claim, contents)
                        .invoke(ok -> span.setAttribute(Telemetry.OUTCOME, ok ? "sent" : "not sent")));
    }

    private Uni<Boolean> sendTraced(Claimed row, UUID claim, DigestComposer.Contents contents) {
        return tokens.issue(row.person())
                .map(token -> mail.build(
                        new DigestMail.Recipient(
                                row.person(),
                                Objects.requireNonNull(row.email(), "rows without an address are not composed"),
                                row.name()),
                        row.period(),
                        contents,
                        token))
                .chain(message -> mailer.send(message)
                        .ifNoItem()
                        .after(config.sendTimeout())
                        .fail())
                .call(accepted -> failpoints.pass("digest.send.after-accept"))
                .map(accepted -> Boolean.TRUE)
                .onFailure()
                .call(e -> e instanceof SMTPException smtp && smtp.isPermanent()
                        ? refused(row, claim, smtp)
                        : retry(row, claim, e))
                .onFailure()
                .recoverWithItem(Boolean.FALSE)
                .chain(accepted ->
                        accepted ? marked(row, claim) : Uni.createFrom().item(false));
    }

    /** Accepted: only marking is left. If that fails, the claim runs out and the row is sent again (the documented window). */
    private Uni<Boolean> marked(Claimed row, UUID claim) {
        sent.increment();
        return finish(row, claim, "SENT", null)
                .onFailure()
                .retry()
                .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5))
                .atMost(5)
                .onFailure()
                .invoke(e -> LOG.errorf(e, "Digest %d was accepted by SMTP but could not be marked sent", row.id()))
                .onFailure()
                .recoverWithNull()
                .replaceWith(true);
    }

    /** Just before SMTP: the claim is still ours, and it is extended to a full claim time for the send. */
    private Uni<Boolean> confirm(Claimed row, UUID claim) {
        return sql.run(
                        "update digest_delivery set next_attempt = now() + $3" + MILLIS
                                + " where id = $1 and claim = $2 and state = 'SENDING'",
                        row.id(),
                        claim,
                        config.claimTime().toMillis())
                .map(changed -> {
                    if (changed == 0) {
                        LOG.infof("Digest %d was taken over before sending; not sent here", row.id());
                    }
                    return changed == 1;
                });
    }

    private Uni<Void> finish(Claimed row, UUID claim, String state, @Nullable String error) {
        return sql.run(
                        "update digest_delivery set state = $3, sent_at = case when $3 = 'SENT' then now() end, last_error = $4"
                                + " where id = $1 and claim = $2 and state = 'SENDING'",
                        row.id(),
                        claim,
                        state,
                        error)
                .invoke(changed -> {
                    if (changed == 0) {
                        lateMarks.increment();
                        LOG.warnf(
                                "Digest %d (%s) was marked %s after its claim ran out; another instance may send it again",
                                row.id(), row.period(), state);
                    }
                })
                .replaceWithVoid();
    }

    /**
     * The server refused the message for good (5xx, such as 550 no such user): retrying would
     * only repeat the refusal and hurt the instance's standing with mail providers.
     */
    private Uni<Void> refused(Claimed row, UUID claim, SMTPException e) {
        refusedForGood.increment();
        LOG.warnf("Digest %d to %s refused for good: %s", row.id(), row.email(), e.getMessage());
        return finish(row, claim, "REFUSED", e.getMessage()).onFailure().recoverWithNull();
    }

    /** Back to PENDING after an exponential backoff; a transient failure is never given up. */
    private Uni<Void> retry(Claimed row, UUID claim, Throwable e) {
        deferred.increment();
        long base = config.retryBase().toMillis();
        long backoff = Math.min(config.retryMax().toMillis(), base << Math.min(20, Math.max(0, row.attempts() - 1)));
        long jittered = backoff / 2 + (long) (Math.random() * (backoff / 2 + 1));
        LOG.warnf(
                "Digest %d to %s failed (attempt %d), retrying in %s: %s",
                row.id(), row.email(), row.attempts(), Duration.ofMillis(jittered), e.getMessage());
        return sql.run(
                        "update digest_delivery set state = 'PENDING', claim = null, next_attempt = now() + $3" + MILLIS
                                + ", last_error = $4 where id = $1 and claim = $2 and state = 'SENDING'",
                        row.id(),
                        claim,
                        jittered,
                        String.valueOf(e.getMessage()))
                .replaceWithVoid()
                .onFailure()
                .invoke(dbError -> LOG.warnf(
                        dbError, "Could not schedule the retry of digest %d; its claim will run out", row.id()))
                .onFailure()
                .recoverWithNull();
    }

    private record Claimed(
            long id,
            UUID person,
            String period,
            OffsetDateTime since,
            OffsetDateTime until,
            int attempts,
            @Nullable String email,
            String name,
            boolean off) {
        static Claimed from(SqlRow r) {
            return new Claimed(
                    r.getLong("id"),
                    r.getUUID("person_id"),
                    r.getString("period"),
                    r.getOffsetDateTime("since"),
                    r.getOffsetDateTime("until"),
                    r.getInteger("attempts"),
                    r.getString("email"),
                    r.getString("name"),
                    r.getBoolean("off"));
        }
    }
}
