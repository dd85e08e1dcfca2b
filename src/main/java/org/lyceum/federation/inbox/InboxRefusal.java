package org.lyceum.federation.inbox;

import org.jspecify.annotations.Nullable;

/** Why an inbox refused a POST: the HTTP status and a reason the sender can read. */
public class InboxRefusal extends RuntimeException {

    private final int status;
    private final long retryAfter;

    public InboxRefusal(int status, @Nullable String reason) {
        this(status, reason, 0);
    }

    /** A refusal the sender may retry after this many seconds (429 with {@code Retry-After}). */
    public InboxRefusal(int status, @Nullable String reason, long retryAfter) {
        super(reason, null, false, false);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    /** Seconds to wait before retrying; 0 when the refusal does not say. */
    public long retryAfter() {
        return retryAfter;
    }

    public int status() {
        return status;
    }
}
