package org.lyceum.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
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

    /**
     * Returns when a Redis answers at 127.0.0.1:6379 (running on our machines and in CI); otherwise
     * skips, or fails in CI, saying that {@code untested} is not tested.
     */
    @SuppressWarnings("AddressSelection") // a literal loopback address: nothing is looked up
    public static void redis(String untested) {
        boolean up;
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", 6379), 500);
            up = true;
        } catch (IOException e) {
            up = false;
        }
        dependency(up, () -> "no Redis at 127.0.0.1:6379 (apt-get install redis-server): " + untested + " not tested");
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
