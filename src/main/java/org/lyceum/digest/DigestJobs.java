package org.lyceum.digest;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.lyceum.job.JobSpec;
import org.lyceum.job.Jobs;

/**
 * Digests as jobs: planning is a singleton under the cluster lock (once per trigger across the
 * cluster), sending is shared by every instance through claimed ledger rows, and a nightly
 * singleton prunes finished rows past lyceum.digest.keep.
 */
@ApplicationScoped
public class DigestJobs {

    public static final String PLAN = "digest-plan";
    public static final String SEND = "digest-send";
    public static final String PRUNE = "digest-prune";

    void register(
            @Observes StartupEvent event,
            Jobs jobs,
            DigestConfig config,
            DigestPlanner planner,
            DigestSender sender,
            DigestLedger ledger) {
        String planCron = config.periodOverride().isPresent() ? null : config.cron();
        jobs.register(JobSpec.singleton(
                PLAN,
                planCron,
                every(config.periodOverride().map(p -> p.dividedBy(4)).orElse(null)),
                planner::plan));
        Duration poll = config.periodOverride()
                .map(p -> min(config.poll(), p.dividedBy(4)))
                .orElse(config.poll());
        jobs.register(JobSpec.shared(SEND, seconds(poll), sender::sendDue));
        jobs.register(JobSpec.singleton(PRUNE, "0 30 3 * * ?", null, ledger::prune));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** The scheduler's interval syntax, at least a second. */
    private static @Nullable String every(@Nullable Duration d) {
        return d == null ? null : seconds(d);
    }

    private static String seconds(Duration d) {
        return Math.max(1, d.toSeconds()) + "s";
    }
}
