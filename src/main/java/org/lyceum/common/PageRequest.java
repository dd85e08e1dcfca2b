package org.lyceum.common;

import org.jspecify.annotations.Nullable;

/**
 * One page of a Relay connection as asked for: forwards ({@code first}/{@code after}) or
 * backwards ({@code last}/{@code before}), never more than {@link #MAX} items.
 */
public record PageRequest(int size, boolean backward, @Nullable String cursor) {

    public static final int MAX = 100;
    public static final int DEFAULT = 20;

    public static PageRequest forward(@Nullable Integer first, @Nullable String after) {
        return of(first, after, null, null);
    }

    public static PageRequest of(
            @Nullable Integer first, @Nullable String after, @Nullable Integer last, @Nullable String before) {
        if (first != null && last != null) {
            throw DomainException.invalid("last", "give either first (with after) or last (with before), not both");
        }
        if (last != null || before != null) {
            if (after != null) {
                throw DomainException.invalid("after", "after goes with first, before with last");
            }
            return new PageRequest(size("last", last), true, before);
        }
        return new PageRequest(size("first", first), false, after);
    }

    private static int size(String field, @Nullable Integer requested) {
        if (requested == null) {
            return DEFAULT;
        }
        if (requested < 0 || requested > MAX) {
            throw DomainException.invalid(field, "must be between 0 and " + MAX);
        }
        return requested;
    }
}
