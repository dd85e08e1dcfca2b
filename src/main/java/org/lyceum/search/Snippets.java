package org.lyceum.search;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Turns ts_headline's marked text into plain text and the ranges that matched. */
final class Snippets {

    private Snippets() {}

    static SearchConnection.@Nullable Snippet of(@Nullable String marked) {
        if (marked == null) {
            return null;
        }
        StringBuilder text = new StringBuilder(marked.length());
        List<SearchConnection.TextRange> matches = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < marked.length(); i++) {
            char c = marked.charAt(i);
            if (c == SearchIndex.START) {
                start = text.length();
            } else if (c == SearchIndex.STOP) {
                if (start >= 0 && text.length() > start) {
                    matches.add(new SearchConnection.TextRange(start, text.length() - start));
                }
                start = -1;
            } else {
                text.append(c);
            }
        }
        return new SearchConnection.Snippet(text.toString(), List.copyOf(matches));
    }
}
