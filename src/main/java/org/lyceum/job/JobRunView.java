package org.lyceum.job;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.jspecify.annotations.Nullable;
import org.lyceum.database.SqlRow;
import org.lyceum.graphql.GraphQLLong;

@Name("JobRun")
@Description("One run of a singleton job.")
public record JobRunView(
        @NonNull @Description("The instance that held the job's lock for the run.") String holder,
        @NonNull @Description("The fencing token of the run's lease.") GraphQLLong token,
        @NonNull OffsetDateTime startedAt,
        @Nullable OffsetDateTime finishedAt,
        @Description("Milliseconds from start to finish; null while running.") @Nullable GraphQLLong durationMs,
        @NonNull JobOutcome outcome,
        @Description("What the run did, or why it failed.") @Nullable String detail) {

    static JobRunView from(SqlRow r) {
        OffsetDateTime started = r.getOffsetDateTime("started_at");
        OffsetDateTime finished = r.getOffsetDateTime("finished_at");
        return new JobRunView(
                r.getString("holder"),
                GraphQLLong.of(r.getLong("token")),
                started,
                finished,
                finished == null
                        ? null
                        : GraphQLLong.of(
                                java.time.Duration.between(started, finished).toMillis()),
                JobOutcome.valueOf(r.getString("outcome")),
                r.getString("detail"));
    }
}
