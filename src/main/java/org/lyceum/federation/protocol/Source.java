package org.lyceum.federation.protocol;

/**
 * The Markdown an object's or actor's HTML was rendered from, as Lemmy sends it
 * ({@code source: {content, mediaType: "text/markdown"}}), so that a peer which edits Markdown
 * gets the text back as written. Wire format only.
 */
public record Source(String content, String mediaType) {

    public static final String MARKDOWN = "text/markdown";

    public static Source markdown(String content) {
        return new Source(content, MARKDOWN);
    }
}
