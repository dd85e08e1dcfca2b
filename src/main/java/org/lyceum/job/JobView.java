package org.lyceum.job;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.jspecify.annotations.Nullable;

@Name("Job")
@Description("A scheduled job and its latest run across the cluster.")
public record JobView(
        @NonNull String name,
        @Description(
                        "Its trigger on the instance answering: a cron expression or an interval; null if that instance does not run it.")
                @Nullable
                String schedule,
        @Description(
                        "True for jobs that run on one instance per trigger under the cluster lock; false for work every instance shares, which is not recorded per run.")
                boolean singleton,
        @Description("The latest recorded run, if any is kept.") @Nullable JobRunView lastRun,
        @Description("Runs in the kept history (lyceum.jobs.history).") int runs) {}
