package org.lyceum.ratelimit;

/** A bucket's answer: whether a token was taken, and if not, whole seconds (at least 1) until the next one. */
public record Decision(boolean granted, long retryAfter) {

    static final Decision GRANTED = new Decision(true, 0);

    static Decision refused(double tokens, double perSecond) {
        return new Decision(false, Math.max(1, (long) Math.ceil((1 - tokens) / perSecond)));
    }
}
