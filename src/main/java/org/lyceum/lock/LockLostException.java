package org.lyceum.lock;

/** The lease could not be renewed: another holder may have it now, so the work was stopped. */
public class LockLostException extends RuntimeException {

    public LockLostException(String name) {
        super("lost the lock " + name, null, false, false);
    }
}
