package org.lyceum.federation.signature;

/** A request's signature is missing, malformed, stale or wrong; the message says which, for a 401. */
public class SignatureException extends Exception {

    public SignatureException(String message) {
        super(message);
    }
}
