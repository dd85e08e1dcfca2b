package org.lyceum.media;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jboss.logging.Logger;
import org.lyceum.database.Sql;
import org.lyceum.job.JobContext;
import org.lyceum.job.JobSpec;
import org.lyceum.job.Jobs;
import org.lyceum.media.CleanupStatements.Gone;
import org.lyceum.media.storage.MediaStorage;

/**
 * The hourly singleton job media-cleanup. Uploads never attached within lyceum.media.orphan-ttl
 * are deleted; an attached file nothing live refers to any more is released, taken back when
 * its content is restored, and removed from the storage once it has been released for
 * lyceum.media.deleted-grace. A file that another profile, community or resource still uses stays.
 * Rows change first (fenced), bytes go after: a failed storage delete leaves bytes nothing points
 * at, which is logged and counted, never a row pointing at missing bytes.
 */
@ApplicationScoped
public class MediaCleanup {

    public static final String JOB = "media-cleanup";

    /** Rows per statement. */
    static final int BATCH = 100;
    /** Statements of each kind per run, so one run stays bounded; the rest waits for the next. */
    static final int MAX_BATCHES = 50;

    private static final Logger LOG = Logger.getLogger(MediaCleanup.class);
    private static final UUID FIRST = new UUID(0, 0);

    private final MediaStorage storage;
    private final MediaConfig config;

    MediaCleanup(MediaStorage storage, MediaConfig config) {
        this.storage = storage;
        this.config = config;
    }

    void register(@Observes StartupEvent event, Jobs jobs) {
        jobs.register(JobSpec.singleton(JOB, "0 35 * * * ?", null, this::run));
    }

    Uni<String> run(JobContext job) {
        Set<UUID> failed = ConcurrentHashMap.newKeySet();
        return deleting(job, tx -> CleanupStatements.deleteOrphans(tx, config.orphanTtl(), BATCH), failed)
                .chain(orphans -> marking(job, CleanupStatements.RESTORE, CleanupStatements.RESTORABLE)
                        .chain(restored -> marking(job, CleanupStatements.RELEASE, CleanupStatements.RELEASABLE)
                                .chain(released -> deleting(
                                                job,
                                                tx -> CleanupStatements.remove(tx, config.deletedGrace(), BATCH),
                                                failed)
                                        .map(removed -> "orphans " + orphans + ", released " + released
                                                + ", restored " + restored + ", removed " + removed
                                                + (failed.isEmpty()
                                                        ? ""
                                                        : ", storage deletes failed for " + failed.size()
                                                                + " files (their bytes stay in the storage)")))));
    }

    /** Batches of rows deleted or marked removed, each followed by deleting their bytes; how many rows. */
    private Uni<Integer> deleting(JobContext job, Function<Sql, Uni<List<Gone>>> statement, Set<UUID> failed) {
        AtomicInteger rows = new AtomicInteger();
        return Multi.createBy()
                .repeating()
                .uni(() -> job.fenced(statement)
                        .invoke(gone -> rows.addAndGet(gone.size()))
                        .call(gone -> deleteBytes(gone, failed)))
                .whilst(gone -> gone.size() == BATCH && !job.stopping())
                .select()
                .first(MAX_BATCHES)
                .collect()
                .last()
                .map(ignored -> rows.get());
    }

    /** Batches of rows marked, in id order; how many rows. */
    private Uni<Integer> marking(JobContext job, String set, String which) {
        AtomicInteger rows = new AtomicInteger();
        UUID[] after = {FIRST}; // the highest id marked so far: each batch goes on after it
        return Multi.createBy()
                .repeating()
                .uni(() -> job.fenced(tx -> CleanupStatements.mark(tx, set, which, after[0], BATCH))
                        .invoke(batch -> {
                            rows.addAndGet(batch.changed());
                            UUID last = batch.last();
                            if (last != null) {
                                after[0] = last;
                            }
                        }))
                .whilst(batch -> batch.changed() == BATCH && !job.stopping())
                .select()
                .first(MAX_BATCHES)
                .collect()
                .last()
                .map(ignored -> rows.get());
    }

    /** Every variant of every file, a few at a time; a failure is logged and the run goes on. */
    private Uni<Void> deleteBytes(List<Gone> gone, Set<UUID> failed) {
        return Multi.createFrom()
                .iterable(gone)
                .onItem()
                .transformToIterable(
                        g -> g.keys().stream().map(key -> new Key(g.id(), key)).toList())
                .onItem()
                .transformToUni(k -> Uni.createFrom()
                        .deferred(() -> storage.delete(k.key()))
                        .onFailure()
                        .recoverWithItem(e -> {
                            LOG.warnf(e, "media-cleanup could not delete %s from the storage; its bytes stay", k.key());
                            failed.add(k.id());
                            return false;
                        }))
                .merge(4)
                .collect()
                .asList()
                .replaceWithVoid();
    }

    private record Key(UUID id, String key) {}
}
