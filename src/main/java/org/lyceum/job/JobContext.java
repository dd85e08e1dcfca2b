package org.lyceum.job;

import io.smallrye.mutiny.Uni;
import java.util.function.Function;
import org.lyceum.database.Sql;
import org.lyceum.lock.Lease;

/**
 * What a running singleton job gets: its lease, and {@link #fenced} for every write it makes, so
 * that a holder whose lease has passed on cannot change anything.
 */
public final class JobContext {

    private final Lease lease;
    private final String fenceName;
    private final boolean fencing;
    private final boolean coordinated;
    private final Sql sql;
    private final Fence fence;
    private final java.util.function.BooleanSupplier stopping;

    JobContext(
            Lease lease,
            String fenceName,
            boolean fencing,
            boolean coordinated,
            Sql sql,
            Fence fence,
            java.util.function.BooleanSupplier stopping) {
        this.stopping = stopping;
        this.lease = lease;
        this.fenceName = fenceName;
        this.fencing = fencing;
        this.coordinated = coordinated;
        this.sql = sql;
        this.fence = fence;
    }

    public Lease lease() {
        return lease;
    }

    /** Who runs the job: the lock holder, or, with the lock switched off, this instance. */
    public String holder() {
        return lease.holder();
    }

    /** True once the instance is shutting down: a job working in rounds should stop taking new work. */
    public boolean stopping() {
        return stopping.getAsBoolean();
    }

    /** False only under the lyceum.jobs.lock=false test switch: no lock, and each instance keeps to its own work. */
    public boolean coordinated() {
        return coordinated;
    }

    /**
     * Runs the writes in one transaction that first passes the fence with this lease's token.
     * Shared jobs hold no lease and are not fenced; their rows are claimed instead.
     */
    public <T> Uni<T> fenced(Function<Sql, Uni<T>> writes) {
        if (!fencing) {
            return sql.transaction(writes);
        }
        return sql.transaction(tx -> fence.check(tx, fenceName, lease.token()).chain(() -> writes.apply(tx)));
    }
}
