package org.lyceum.federation.inbox;

import org.jspecify.annotations.Nullable;

/** Why an inbox refused a POST: the HTTP status and a reason the sender can read. */
public class InboxRefusal extends RuntimeException {

    private final int status;

    public InboxRefusal(int status, @Nullable String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
