package org.lyceum.lock;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.Optional;

/** Where leases live. Every backend passes the same contract tests (LockContract). */
public interface LockBackend {

    /** A new lease with a token above every earlier one of this name, or empty while another holds it. */
    Uni<Optional<Lease>> tryAcquire(String name, String holder, Duration leaseTime);

    /** Extends a lease still held; empty when it expired or passed to another holder. */
    Uni<Optional<Lease>> renew(Lease lease, Duration leaseTime);

    /** Gives the lease up early; false when it was no longer held. */
    Uni<Boolean> release(Lease lease);

    /** The newest token handed out for this name (0 when never), for fencing checks. */
    Uni<Long> newestToken(String name);
}
