package org.lyceum.federation.remote;

import java.text.Normalizer;
import org.jspecify.annotations.Nullable;

/**
 * The check of a remote actor's handle ({@code preferredUsername}), as Lemmy checks actor names
 * before it stores them: it becomes {@code @name@host} on every page, so it must read as one
 * name. Letters and digits of any script (in NFC, with their combining marks), {@code _},
 * {@code -} and {@code .}, as Mastodon, Lemmy and Fedify usernames are; never whitespace,
 * {@code @}, {@code :}, {@code /}, control or format characters (bidi overrides, zero-width
 * joiners), and at most {@link #MAX} characters.
 */
final class ActorNames {

    static final int MAX = 64;

    private ActorNames() {}

    /** The name in NFC, ready to store. */
    static String normalised(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFC);
    }

    /** Why {@code name} (NFC) cannot be a handle, or null when it can. */
    static @Nullable String problem(String name) {
        if (name.isEmpty()) {
            return "is empty";
        }
        if (name.codePointCount(0, name.length()) > MAX) {
            return "is longer than " + MAX + " characters";
        }
        int first = name.codePointAt(0);
        if (isMark(first)) {
            return "starts with a combining mark";
        }
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            if (!(Character.isLetterOrDigit(c) || isMark(c) || c == '_' || c == '-' || c == '.')) {
                return String.format("holds U+%04X, which a handle may not", c);
            }
            i += Character.charCount(c);
        }
        return null;
    }

    private static boolean isMark(int c) {
        int type = Character.getType(c);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
    }
}
