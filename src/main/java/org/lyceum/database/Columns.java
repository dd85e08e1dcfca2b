package org.lyceum.database;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prefixed column names ("a_" + "username") as shared String instances. Vert.x finds a column
 * by hashing its name; a name concatenated per row is a new String whose hash is computed again
 * every time, which the homeFeed profile showed as several per cent of the request.
 */
public final class Columns {

    private static final Map<String, Map<String, String>> NAMES = new ConcurrentHashMap<>();

    private Columns() {}

    public static String prefixed(String prefix, String name) {
        if (prefix.isEmpty()) {
            return name;
        }
        return NAMES.computeIfAbsent(prefix, p -> new ConcurrentHashMap<>()).computeIfAbsent(name, n -> prefix + n);
    }
}
