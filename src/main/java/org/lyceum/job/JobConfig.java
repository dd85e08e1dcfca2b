package org.lyceum.job;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Scheduled jobs. */
@ConfigMapping(prefix = "lyceum.jobs")
public interface JobConfig {

    /** Whether this instance runs job triggers at all; off in tests, which trigger jobs themselves. */
    @WithDefault("true")
    boolean enabled();

    /**
     * Whether singleton jobs take the cluster lock. {@code false} is a test switch only: every
     * instance then runs every job and sends what it planned itself, as uncoordinated schedulers
     * would, which shows that the cluster test notices duplicates.
     */
    @WithDefault("true")
    boolean lock();

    /** Lease of a singleton job's lock; renewed every third of it while the job runs. */
    @WithDefault("30s")
    Duration lease();

    /** How long shutdown waits for job runs in flight, such as digests being sent. */
    @WithDefault("20s")
    Duration shutdownGrace();

    /** Fault tests only: see {@link Failpoints}. */
    java.util.Optional<String> failpoints();

    /** How long runs stay in job_run. */
    @WithDefault("7d")
    Duration history();
}
