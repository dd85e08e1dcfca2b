package org.lyceum.federation.signature;

import org.jspecify.annotations.Nullable;

/** A request's signature is missing, malformed, stale or wrong; the message says which, for a 401. */
public class SignatureException extends Exception {

    public SignatureException(@Nullable String message) {
        super(message);
    }
}
