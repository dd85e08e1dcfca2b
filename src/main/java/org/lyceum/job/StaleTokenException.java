package org.lyceum.job;

/** A write under a fencing token older than the newest the resource has seen: its holder lost the lock. */
public class StaleTokenException extends RuntimeException {

    public StaleTokenException(String name, long token) {
        super("Write under token " + token + " of " + name + " refused: a newer holder has written");
    }
}
