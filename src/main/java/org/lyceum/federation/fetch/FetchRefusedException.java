package org.lyceum.federation.fetch;

/** A remote fetch we would not make or finish: a guarded address, too big, too slow, a bad URL. */
public class FetchRefusedException extends RuntimeException {

    public FetchRefusedException(String message) {
        super(message);
    }
}
