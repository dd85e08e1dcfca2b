package org.lyceum.job;

import org.eclipse.microprofile.graphql.Description;

@Description("How a job run ended.")
public enum JobOutcome {
    RUNNING,
    SUCCEEDED,
    FAILED,
    @Description("A write was refused because a newer lock holder had written: this run's lease had passed on.")
    FENCED,
    @Description("A renewal of the lease failed, so the run was cancelled.")
    LOCK_LOST
}
