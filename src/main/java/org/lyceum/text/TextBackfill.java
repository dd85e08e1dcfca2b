package org.lyceum.text;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.lyceum.job.JobContext;
import org.lyceum.job.JobSpec;
import org.lyceum.job.Jobs;

/**
 * The singleton job text-backfill: renders the HTML of rows written before V20 (comments and
 * descriptions, community and person summaries), which are otherwise rendered on every read.
 * Batches are rendered on a worker thread and written fenced; once none is left, a run is three
 * lookups of empty partial indexes (V23).
 */
@ApplicationScoped
public class TextBackfill {

    public static final String JOB = "text-backfill";
    static final int BATCH = 200;
    private static final int MAX_BATCHES = 25;

    /** A table's rows without HTML: where they are, which column has the source, which gets the HTML. */
    private record Target(String table, String source, String html) {}

    private static final List<Target> TARGETS = List.of(
            new Target("content", "body", "body_html"),
            new Target("community", "summary", "summary_html"),
            new Target("person", "summary", "summary_html"));

    /** A row's id and its source, then its HTML. */
    private record Source(UUID id, String text) {}

    private final Texts texts;
    private final Vertx vertx;

    TextBackfill(Texts texts, Vertx vertx) {
        this.texts = texts;
        this.vertx = vertx;
    }

    void register(@Observes StartupEvent event, Jobs jobs) {
        jobs.register(JobSpec.singleton(JOB, null, "5m", this::run));
    }

    Uni<String> run(JobContext job) {
        AtomicInteger rendered = new AtomicInteger();
        return Multi.createFrom()
                .iterable(TARGETS)
                .onItem()
                .transformToUniAndConcatenate(target -> table(job, target, rendered))
                .collect()
                .last()
                .map(ignored -> "rendered " + rendered.get() + " texts written before Markdown");
    }

    private Uni<Void> table(JobContext job, Target t, AtomicInteger rendered) {
        AtomicInteger batches = new AtomicInteger();
        return Multi.createBy()
                .repeating()
                .uni(() -> job.fenced(tx -> tx.list(
                                        "select id, " + t.source() + " from " + t.table() + " where " + t.html()
                                                + " is null and " + t.source() + " is not null limit $1",
                                        r -> new Source(r.getUUID("id"), r.getString(t.source())),
                                        BATCH)
                                // Up to 200 texts of up to 20 000 characters: CPU work for a worker
                                // thread, then back on the job's context for the update.
                                .chain(rows -> vertx.executeBlocking(
                                        Uni.createFrom().item(() -> rows.stream()
                                                .map(s -> new Source(
                                                        s.id(),
                                                        Objects.requireNonNull(
                                                                texts.html(s.text()), "the HTML of a text is a text")))
                                                .toList()),
                                        false))
                                .chain(rows -> rows.isEmpty()
                                        ? Uni.createFrom().item(0)
                                        : tx.run(
                                                        "update " + t.table() + " x set " + t.html() + " = v.html from"
                                                                + " unnest($1::uuid[], $2::text[]) v(id, html) where x.id = v.id",
                                                        rows.stream()
                                                                .map(Source::id)
                                                                .toArray(UUID[]::new),
                                                        rows.stream()
                                                                .map(Source::text)
                                                                .toArray(String[]::new))
                                                .map(n -> rows.size())))
                        .invoke(n -> {
                            rendered.addAndGet(n);
                            batches.incrementAndGet();
                        }))
                .whilst(n -> n == BATCH && batches.get() < MAX_BATCHES && !job.stopping())
                .collect()
                .last()
                .replaceWithVoid();
    }
}
