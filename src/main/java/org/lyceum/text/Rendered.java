package org.lyceum.text;

import java.util.List;
import java.util.UUID;

/**
 * Markdown rendered for storage: the sanitized HTML and the people it mentions (by person id, in
 * order of first mention). Write paths store the HTML next to the source and the mentions as rows.
 */
public record Rendered(String html, List<UUID> mentioned) {

    public Rendered {
        mentioned = List.copyOf(mentioned);
    }
}
