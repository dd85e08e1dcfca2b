package org.lyceum.job;

import io.smallrye.mutiny.Uni;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A job and its trigger: a Quartz-style cron ({@code 0 0 * * * ?}) or an interval ({@code 10s}).
 * A singleton job runs on one instance per trigger, under the lock {@code job:<name>}; a shared
 * job (such as sending claimed rows) runs on every instance.
 */
public record JobSpec(
        String name,
        @Nullable String cron,
        @Nullable String every,
        boolean singleton,
        Function<JobContext, Uni<String>> work) {

    public static JobSpec singleton(
            String name, @Nullable String cron, @Nullable String every, Function<JobContext, Uni<String>> work) {
        return new JobSpec(name, cron, every, true, work);
    }

    public static JobSpec shared(String name, String every, Function<JobContext, Uni<String>> work) {
        return new JobSpec(name, null, every, false, work);
    }

    public String lockName() {
        return "job:" + name;
    }
}
