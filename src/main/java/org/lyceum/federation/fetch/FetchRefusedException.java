package org.lyceum.federation.fetch;

/**
 * A remote exchange we would not make or finish: a guarded address, not http(s), too big, too slow.
 * Permanent when trying again cannot help (the address is refused, the URL is not http).
 */
public class FetchRefusedException extends RuntimeException {

    private final boolean permanent;

    public FetchRefusedException(String message) {
        this(message, false);
    }

    public FetchRefusedException(String message, boolean permanent) {
        super(message);
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }
}
