package org.lyceum.ratelimit;

/** A bucket's size and refill: {@code burst} requests at once, then {@code perMinute} more each minute. */
public record Limit(int burst, double perMinute) {

    public Limit {
        if (burst < 1 || !(perMinute > 0)) {
            throw new IllegalArgumentException("a rate limit needs burst >= 1 and per-minute > 0, got burst " + burst
                    + ", per-minute " + perMinute);
        }
    }

    double perSecond() {
        return perMinute / 60.0;
    }

    /** How long an untouched bucket takes to fill from empty, in seconds: after that its row can go. */
    long secondsToFull() {
        return (long) Math.ceil(burst / perSecond());
    }
}
