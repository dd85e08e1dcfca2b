package org.lyceum.text;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.autolink.AutolinkType;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * CommonMark with GFM tables, strikethrough and autolinks, to the HTML {@link HtmlSanitizer}
 * allows. Raw HTML in the source is escaped by the renderer (it shows as text), unsafe URLs are
 * dropped by it, and the sanitizer runs over the result anyway: the renderer is not the security
 * boundary. Parser and renderer are immutable and thread-safe, so they are built once.
 */
public final class Markdown {

    // Autolinks for URLs and www. only: an e-mail autolink would swallow @name@host mentions.
    private static final List<Extension> EXTENSIONS = List.of(
            TablesExtension.create(),
            StrikethroughExtension.builder().requireTwoTildes(true).build(),
            AutolinkExtension.builder()
                    .linkTypes(Set.of(AutolinkType.URL, AutolinkType.WWW))
                    .build());

    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final Parser WITHOUT_TABLES = Parser.builder()
            .extensions(EXTENSIONS.stream()
                    .filter(e -> !(e instanceof TablesExtension))
                    .toList())
            .build();

    private static final HtmlRenderer RENDERER = HtmlRenderer.builder()
            .extensions(EXTENSIONS)
            .escapeHtml(true)
            .sanitizeUrls(true)
            .softbreak("<br>")
            .build();

    private Markdown() {}

    /** The parsed source, for finding mentions before rendering. */
    public static Node parse(String source) {
        return (TableGuard.tooLarge(source) ? WITHOUT_TABLES : PARSER).parse(source);
    }

    /** The source as sanitized HTML, without mention links. */
    public static String toHtml(String source, ImageSources images) {
        return render(parse(source), images);
    }

    /** A parsed (and possibly mention-linked) document as sanitized HTML. */
    public static String render(Node document, ImageSources images) {
        return HtmlSanitizer.clean(RENDERER.render(document), images);
    }

    /** The source with the handles in {@code byKey} linked, as HTML and who was mentioned. */
    public static Rendered render(
            String source, Map<String, Mentions.Target> byKey, String localHost, ImageSources images) {
        Node doc = parse(source);
        List<UUID> mentioned = Mentions.link(doc, byKey, localHost);
        return new Rendered(render(doc, images), mentioned);
    }
}
