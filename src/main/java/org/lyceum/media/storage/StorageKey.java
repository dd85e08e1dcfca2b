package org.lyceum.media.storage;

import java.util.regex.Pattern;

/**
 * Keys are made by Lyceum (an upload's id and a variant), never taken from a client; still, every
 * backend checks them, so a bug cannot turn a key into a path outside the store.
 */
public final class StorageKey {

    private static final Pattern SAFE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,127}(/[a-z0-9][a-z0-9._-]{0,127}){0,3}");

    private StorageKey() {}

    public static String check(String key) {
        if (!SAFE.matcher(key).matches() || key.contains("..")) {
            throw new IllegalArgumentException("not a storage key: " + key);
        }
        return key;
    }
}
