package org.lyceum.text;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.lyceum.federation.protocol.Html;

/**
 * Text from another server as stored: {@code content} the source (the peer's Markdown when it sent
 * one, as Lemmy does, else its HTML reduced to the allowlist) and {@code html} what is served. Remote
 * images are dropped for their alt text, as only this instance's media are shown.
 */
public record RemoteText(String content, String html) {

    public static final String MARKDOWN = "text/markdown";

    /** The text from an object's or actor's HTML and its {@code source}; null when it has neither, cut to max. */
    public static @Nullable RemoteText of(
            @Nullable String html, @Nullable String source, @Nullable String sourceMediaType, int max) {
        if (source != null && !source.isBlank() && MARKDOWN.equals(sourceMediaType)) {
            String md = source.length() <= max ? source : source.substring(0, max);
            return new RemoteText(md, Markdown.toHtml(md, ImageSources.NONE));
        }
        if (html == null) {
            return null;
        }
        // A peer may send up to the inbox's limit; more than four times what is kept is not read.
        String bounded = html.length() <= 4 * max ? html : html.substring(0, 4 * max);
        String full = HtmlSanitizer.clean(bounded, ImageSources.NONE);
        String clean = full;
        // Cut and cleaned again, which closes what the cut left open; the slack is for those closing tags.
        for (int cut = max - 500; clean.length() > max; cut -= 500) {
            clean = HtmlSanitizer.clean(full.substring(0, Math.max(0, cut)), ImageSources.NONE);
        }
        return new RemoteText(clean, clean);
    }

    /** The text without markup, for a title's fallback. */
    public String plain() {
        return Objects.requireNonNull(Html.toText(html), "the text of a string is a string");
    }
}
