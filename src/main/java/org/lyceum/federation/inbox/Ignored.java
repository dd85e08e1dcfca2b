package org.lyceum.federation.inbox;

/** An activity that is valid but has nothing to do here (or may not do it); kept as IGNORED with the reason. */
public class Ignored extends RuntimeException {

    public Ignored(String reason) {
        super(reason, null, false, false);
    }
}
