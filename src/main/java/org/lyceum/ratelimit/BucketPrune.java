package org.lyceum.ratelimit;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Arrays;
import org.lyceum.job.JobContext;
import org.lyceum.job.JobSpec;
import org.lyceum.job.Jobs;

/**
 * Hourly, deletes the buckets that have been full again for a while: a caller who comes back
 * finds a full bucket either way, and the table keeps only recent callers.
 */
@ApplicationScoped
class BucketPrune {

    static final String JOB = "rate-limit-prune";

    private final RateLimits limits;

    BucketPrune(RateLimits limits) {
        this.limits = limits;
    }

    void register(@Observes StartupEvent event, Jobs jobs) {
        jobs.register(JobSpec.singleton(JOB, "0 50 * * * ?", null, this::run));
    }

    Uni<String> run(JobContext job) {
        return Multi.createFrom()
                .iterable(Arrays.asList(RateClass.values()))
                .onItem()
                .transformToUniAndConcatenate(limits::prune)
                .collect()
                .with(java.util.stream.Collectors.summingInt(Integer::intValue))
                .map(n -> "deleted " + n + " idle rate-limit buckets");
    }
}
