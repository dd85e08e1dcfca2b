package org.lyceum.export;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.lyceum.database.Sql;
import org.lyceum.job.JobContext;
import org.lyceum.job.JobSpec;
import org.lyceum.job.Jobs;
import org.lyceum.media.Media;
import org.lyceum.media.MediaPurpose;
import org.lyceum.media.MediaRows;
import org.lyceum.media.storage.MediaStorage;

/**
 * The singleton job data-export: builds the archives people asked for, oldest first, a few per
 * run. An archive is read from the database, written as a zip on a worker thread, stored in the
 * media storage and recorded (media row and export row, fenced) with its expiry; a build that fails
 * is retried on the next runs and given up after three attempts.
 */
@ApplicationScoped
public class ExportJob {

    public static final String JOB = "data-export";
    private static final Logger LOG = Logger.getLogger(ExportJob.class);
    private static final int PER_RUN = 3;
    private static final int ATTEMPTS = 3;

    private final Sql sql;
    private final ExportConfig config;
    private final ArchiveSections sections;
    private final Outboxes outboxes;
    private final MediaStorage storage;
    private final MediaRows media;

    ExportJob(
            Sql sql,
            ExportConfig config,
            ArchiveSections sections,
            Outboxes outboxes,
            MediaStorage storage,
            MediaRows media) {
        this.sql = sql;
        this.config = config;
        this.sections = sections;
        this.outboxes = outboxes;
        this.storage = storage;
        this.media = media;
    }

    void register(@Observes StartupEvent event, Jobs jobs) {
        jobs.register(JobSpec.singleton(JOB, null, config.every(), this::run));
    }

    private record Pending(UUID id, UUID personId, String username) {}

    Uni<String> run(JobContext job) {
        return removeExpired(job)
                .chain(removed -> build(job).map(built -> built + ", removed " + removed + " expired"));
    }

    /**
     * Expired archives' bytes go at once, not after media-cleanup's grace for released files: an
     * archive is a copy of personal data nobody may download any more.
     */
    private Uni<Integer> removeExpired(JobContext job) {
        return job.fenced(tx -> tx.list(
                        "update media set released_at = coalesce(released_at, now()), removed_at = now() where id in"
                                + " (select media_id from data_export where expires_at <= now() and media_id is not null)"
                                + " and removed_at is null returning id",
                        r -> r.getUUID("id")))
                .chain(ids -> Multi.createFrom()
                        .iterable(ids)
                        .onItem()
                        .transformToUniAndConcatenate(id -> storage.delete(Media.key(id, Media.FILE))
                                .onFailure()
                                .invoke(e -> LOG.warnf(e, "Deleting the expired export file %s failed", id))
                                .onFailure()
                                .recoverWithItem(false))
                        .collect()
                        .asList()
                        .map(List::size));
    }

    private Uni<String> build(JobContext job) {
        return sql.list(
                        "select x.id, x.person_id, p.username from data_export x join person p on p.id = x.person_id"
                                + " where x.ready_at is null and x.failed_at is null order by x.requested_at limit $1",
                        r -> new Pending(r.getUUID("id"), r.getUUID("person_id"), r.getString("username")),
                        PER_RUN)
                .chain(pending -> Multi.createFrom()
                        .iterable(pending)
                        .onItem()
                        .transformToUniAndConcatenate(
                                p -> build(job, p).replaceWith(true).onFailure().recoverWithUni(e -> failed(p, e)
                                        .replaceWith(false)))
                        .collect()
                        .asList()
                        .map(done -> "built " + done.stream().filter(b -> b).count() + " of " + done.size()
                                + " data exports"));
    }

    private Uni<Void> build(JobContext job, Pending p) {
        UUID mediaId = UUID.randomUUID();
        String key = Media.key(mediaId, Media.FILE);
        return sections.read(p.personId())
                .chain(files -> outboxes.items(p.personId()).chain(outbox -> Uni.createFrom()
                        .item(() -> {
                            files.put("outbox.json", outboxes.write(outbox));
                            return ArchiveFile.write(files);
                        })
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())))
                .chain(archive -> storage.take(key, archive.path(), "application/zip")
                        .eventually(() -> Uni.createFrom()
                                .item(archive.path())
                                .invoke(ArchiveFile::deleteQuietly)
                                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()))
                        .chain(() -> job.fenced(tx -> media.insertExport(tx, exported(mediaId, p, archive))
                                .chain(() -> tx.run(
                                                "update data_export set media_id = $2, ready_at = now(),"
                                                        + " expires_at = now() + $3 * interval '1 millisecond'"
                                                        + " where id = $1 and ready_at is null",
                                                p.id(),
                                                mediaId,
                                                config.validity().toMillis())
                                        .invoke(n -> {
                                            if (n == 0) {
                                                // Its account was deleted meanwhile: the archive goes with it.
                                                throw new Gone();
                                            }
                                        }))))
                        .onFailure()
                        .call(() -> storage.delete(key).onFailure().recoverWithItem(false)))
                .replaceWithVoid();
    }

    private static Media exported(UUID id, Pending p, ArchiveFile.Written archive) {
        String day = DateTimeFormatter.ISO_LOCAL_DATE.format(OffsetDateTime.now(ZoneOffset.UTC));
        return new Media(
                id,
                p.personId(),
                MediaPurpose.EXPORT,
                "application/zip",
                List.of(Media.FILE),
                List.of(archive.size()),
                archive.sha256(),
                "lyceum-export-" + p.username().replaceAll("[^A-Za-z0-9_.-]", "_") + "-" + day + ".zip",
                OffsetDateTime.now(ZoneOffset.UTC),
                null,
                null);
    }

    /** The export row went while its archive was built (its account was deleted). */
    private static final class Gone extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Gone() {
            super("the export is gone", null, false, false);
        }
    }

    private Uni<Void> failed(Pending p, Throwable e) {
        if (e instanceof Gone) {
            return Uni.createFrom().voidItem();
        }
        LOG.warnf(e, "Building data export %s failed", p.id());
        return sql.run(
                        "update data_export set attempts = attempts + 1,"
                                + " failed_at = case when attempts + 1 >= $2 then now() end where id = $1",
                        p.id(),
                        ATTEMPTS)
                .replaceWithVoid();
    }
}
