package org.lyceum.federation.fetch;

/**
 * A remote exchange we would not make or finish: a guarded address, not http(s), too big, too slow.
 * Permanent when trying again cannot help (the address is refused, the URL is not http).
 */
public class FetchRefusedException extends RuntimeException {

    private final boolean permanent;
    private final boolean policy;

    public FetchRefusedException(String message) {
        this(message, false);
    }

    public FetchRefusedException(String message, boolean permanent) {
        this(message, permanent, false);
    }

    private FetchRefusedException(String message, boolean permanent, boolean policy) {
        super(message);
        this.permanent = permanent;
        this.policy = policy;
    }

    /**
     * Refused by this instance's own rules before any lookup or connection (a suspended domain, a
     * key of this instance): saying why reveals nothing about the network, unlike other refusals.
     */
    public static FetchRefusedException policy(String message) {
        return new FetchRefusedException(message, true, true);
    }

    public boolean permanent() {
        return permanent;
    }

    /** Whether the reason may be told to whoever caused the fetch. */
    public boolean byPolicy() {
        return policy;
    }
}
