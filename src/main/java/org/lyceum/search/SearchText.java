package org.lyceum.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.lyceum.common.DomainException;

/**
 * The query text as the index uses it: the text itself for {@code websearch_to_tsquery}, which
 * accepts anything (stray quotes and lone operators included), and for plain words (no quotes,
 * no exclusion, no OR) a prefix query over the words, so "phys" finds "Physics" as the user types.
 *
 * @param text the trimmed text, for websearch_to_tsquery and the trigram match
 * @param prefixQuery to_tsquery text of the words as prefixes, or null when the text uses operators
 * @param fuzzy one plain word, which also matches names by trigram similarity (typos); more words
 *     would match most names that share one of them, and no index helps that
 */
record SearchText(String text, @Nullable String prefixQuery, boolean fuzzy) {

    static final int MAX_LENGTH = 256;
    private static final int MAX_WORDS = 20;
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final Pattern OPERATORS = Pattern.compile("\"|(^|\\s)-|(^|\\s)or(\\s|$)", Pattern.CASE_INSENSITIVE);
    private static final Pattern CONTROL = Pattern.compile("\\p{Cc}");

    /** Null for no text (absent or blank); INVALID_INPUT for text over {@link #MAX_LENGTH} characters. */
    static @Nullable SearchText parse(@Nullable String query) {
        if (query == null) {
            return null;
        }
        if (query.length() > MAX_LENGTH) {
            throw DomainException.invalid("query", "must be at most " + MAX_LENGTH + " characters");
        }
        String text = CONTROL.matcher(query).replaceAll(" ").strip();
        if (text.isEmpty()) {
            return null;
        }
        if (OPERATORS.matcher(text).find()) {
            return new SearchText(text, null, false);
        }
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find() && words.size() < MAX_WORDS) {
            words.add("'" + m.group() + "':*"); // letters and digits only: nothing to escape
        }
        return new SearchText(text, words.isEmpty() ? null : String.join(" & ", words), words.size() == 1);
    }
}
