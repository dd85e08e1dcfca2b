package org.lyceum.notification;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicInteger;
import org.lyceum.common.Time;
import org.lyceum.job.JobContext;
import org.lyceum.job.JobSpec;
import org.lyceum.job.Jobs;

/**
 * The daily singleton job notification-prune: notifications older than lyceum.notifications.keep
 * go, in fenced batches so that one run holds no long lock and a stale holder writes nothing.
 */
@ApplicationScoped
public class NotificationPrune {

    public static final String JOB = "notification-prune";
    static final int BATCH = 5_000;
    private static final int MAX_BATCHES = 100;

    private final NotificationConfig config;

    NotificationPrune(NotificationConfig config) {
        this.config = config;
    }

    void register(@Observes StartupEvent event, Jobs jobs) {
        jobs.register(JobSpec.singleton(JOB, "0 20 3 * * ?", null, this::run));
    }

    Uni<String> run(JobContext job) {
        OffsetDateTime before = Time.now().minus(config.keep());
        AtomicInteger deleted = new AtomicInteger();
        AtomicInteger batches = new AtomicInteger();
        return Multi.createBy()
                .repeating()
                .uni(() -> job.fenced(tx -> tx.run(
                                "delete from notification where id in (select id from notification where created_at < $1"
                                        + " limit $2)",
                                before,
                                BATCH))
                        .invoke(n -> {
                            deleted.addAndGet(n);
                            batches.incrementAndGet();
                        }))
                .whilst(n -> n == BATCH && batches.get() < MAX_BATCHES && !job.stopping())
                .collect()
                .last()
                .map(ignored -> "deleted " + deleted.get() + " notifications older than " + before);
    }
}
