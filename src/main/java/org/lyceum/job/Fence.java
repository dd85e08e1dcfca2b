package org.lyceum.job;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.lyceum.database.Sql;

/**
 * Fencing at the resource: the database remembers the newest token that wrote under each lock
 * (job_fence) and refuses older ones. The check raises that row inside the writer's transaction,
 * so the row lock orders writers and the refusal and the write cannot be split by a takeover.
 * It works with every lock backend, because the token travels with the write.
 */
@ApplicationScoped
public class Fence {

    private final MeterRegistry meters;

    Fence(MeterRegistry meters) {
        this.meters = meters;
    }

    /** Passes if {@code token} is the newest seen for {@code name} (recording it), else fails with {@link StaleTokenException}. */
    public Uni<Void> check(Sql tx, String name, long token) {
        // A former holder stalled inside its fenced transaction keeps the fence row locked; waiting
        // for it must not stop the job cluster-wide, so the wait (and the job's writes) is bounded.
        return tx.run("set local lock_timeout = '10s'")
                .chain(() -> tx.one(
                        "insert into job_fence (name, token) values ($1, $2) on conflict (name) do update"
                                + " set token = excluded.token where job_fence.token <= excluded.token returning token",
                        r -> r.getLong(0),
                        name,
                        token))
                .onItem()
                .ifNull()
                .failWith(() -> {
                    // Fence names are "<backend>:<lock>" (Jobs.fenceName): the backend is the label.
                    meters.counter(
                                    "lyceum.lock.fencing.refusals",
                                    "backend",
                                    name.substring(0, Math.max(0, name.indexOf(':'))))
                            .increment();
                    return new StaleTokenException(name, token);
                })
                .replaceWithVoid();
    }
}
