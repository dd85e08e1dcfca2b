package org.lyceum.support;

import java.util.function.Supplier;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A dependency a test needs from the machine (a Redis, an etcd binary, Node and the npm registry).
 * On a developer's machine a missing one skips the test and says why; in CI ({@code LYCEUM_CI=1},
 * set by .ci/run) it fails the test, so CI cannot go green by skipping what it was meant to check.
 */
public final class Required {

    private Required() {}

    public static boolean inCi() {
        return "1".equals(System.getenv("LYCEUM_CI"));
    }

    /** Returns when {@code present}; otherwise skips, or fails in CI, with {@code missing} as the reason. */
    public static void dependency(boolean present, Supplier<String> missing) {
        if (present) {
            return;
        }
        String why = missing.get();
        if (inCi()) {
            Assertions.fail("LYCEUM_CI=1, so this test may not skip: " + why);
        }
        Assumptions.assumeTrue(false, why);
    }
}
