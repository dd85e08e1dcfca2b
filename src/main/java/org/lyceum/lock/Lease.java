package org.lyceum.lock;

import java.time.Instant;

/**
 * A held lock: who holds it, until when, and its fencing token. Tokens grow strictly per name
 * with every acquisition, so a resource that remembers the newest token it saw can refuse the
 * writes of a holder whose lease has passed to someone else.
 */
public record Lease(String name, String holder, long token, Instant expiresAt) {}
