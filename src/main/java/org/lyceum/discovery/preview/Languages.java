package org.lyceum.discovery.preview;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * ISO 639-1 codes of language tags as pages write them: {@code en-US} and {@code fr_FR} (OpenGraph's
 * locale) give {@code en} and {@code fr}, a three-letter code ({@code deu}, {@code ger}) its two-letter
 * one when it has one.
 */
final class Languages {

    /** Codes Java may still know by their withdrawn ISO 639 spelling. */
    private static final Map<String, String> RENAMED = Map.of("iw", "he", "in", "id", "ji", "yi");

    private static final Set<String> TWO_LETTER = Set.of(Locale.getISOLanguages());

    private static final Map<String, String> THREE_LETTER = threeLetter();

    private Languages() {}

    /** The ISO 639-1 code of a language tag, or null when it has none. */
    static @Nullable String iso6391(@Nullable String tag) {
        if (tag == null) {
            return null;
        }
        String first = tag.split(",", 2)[0].trim();
        String primary = first.split("[-_]", 2)[0].toLowerCase(Locale.ROOT);
        if (primary.length() == 2) {
            String code = RENAMED.getOrDefault(primary, primary);
            return TWO_LETTER.contains(code) || RENAMED.containsValue(code) ? code : null;
        }
        return primary.length() == 3 ? THREE_LETTER.get(primary) : null;
    }

    private static Map<String, String> threeLetter() {
        Map<String, String> codes = new HashMap<>();
        for (String two : Locale.getISOLanguages()) {
            try {
                codes.put(new Locale(two).getISO3Language(), RENAMED.getOrDefault(two, two));
            } catch (MissingResourceException ignored) {
                // no three-letter code known to Java
            }
        }
        // ISO 639-2/B spellings, which Java's ISO 639-2/T table does not list.
        Map<String, String> bibliographic = Map.of(
                "ger", "de", "fre", "fr", "dut", "nl", "chi", "zh", "cze", "cs", "gre", "el", "per", "fa", "rum", "ro",
                "slo", "sk", "wel", "cy");
        codes.putAll(bibliographic);
        return Map.copyOf(codes);
    }
}
