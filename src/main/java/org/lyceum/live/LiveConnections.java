package org.lyceum.live;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** The WebSockets with subscriptions each person holds on this instance, for {@code max-connections-per-person}. */
@ApplicationScoped
class LiveConnections {

    private final Map<String, Set<LiveConnection>> bySubject = new HashMap<>();
    private final int max;

    LiveConnections(SubscriptionsConfig config) {
        this.max = config.maxConnectionsPerPerson();
    }

    /** Counts the connection for this person; false when they hold the most already. */
    synchronized boolean admit(String subject, LiveConnection connection) {
        Set<LiveConnection> held = bySubject.computeIfAbsent(subject, s -> new HashSet<>());
        if (held.contains(connection)) {
            return true;
        }
        if (held.size() >= max) {
            return false;
        }
        return held.add(connection);
    }

    synchronized void release(String subject, LiveConnection connection) {
        Set<LiveConnection> held = bySubject.get(subject);
        if (held != null && held.remove(connection) && held.isEmpty()) {
            bySubject.remove(subject);
        }
    }

    int max() {
        return max;
    }
}
