package org.lyceum.text;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * The one allowlist every piece of HTML Lyceum stores or serves goes through: our own rendered
 * Markdown (a second line behind the renderer's escaping) and HTML from other servers. Text
 * structure survives (paragraphs, emphasis, code, quotes, lists, tables, headings, links);
 * everything else is dropped with its markup, keeping its text.
 */
public final class HtmlSanitizer {

    /** Longer input is cut first: jsoup is linear, but a bound keeps one message's cost bounded. */
    public static final int MAX_INPUT = 200_000;

    public static final String REL = "nofollow ugc noopener";

    private static final Safelist SAFELIST = new Safelist()
            .addTags(
                    "p",
                    "br",
                    "em",
                    "strong",
                    "del",
                    "code",
                    "pre",
                    "blockquote",
                    "ul",
                    "ol",
                    "li",
                    "table",
                    "thead",
                    "tbody",
                    "tr",
                    "th",
                    "td",
                    "h1",
                    "h2",
                    "h3",
                    "h4",
                    "h5",
                    "h6",
                    "a",
                    "img")
            .addAttributes("a", "href", "title")
            .addProtocols("a", "href", "http", "https", "mailto")
            .addEnforcedAttribute("a", "rel", REL)
            .addAttributes("img", "src", "alt", "title")
            .addProtocols("img", "src", "http", "https")
            .addAttributes("ol", "start")
            .addAttributes("th", "align")
            .addAttributes("td", "align");

    private HtmlSanitizer() {}

    /** The HTML reduced to the allowlist, images outside {@code images} replaced by their alt text. */
    public static String clean(String html, ImageSources images) {
        String in = html.length() > MAX_INPUT ? html.substring(0, MAX_INPUT) : html;
        // No base URI: relative and protocol-relative links resolve to nothing and are dropped.
        Document dirty = Jsoup.parseBodyFragment(in, "");
        Document clean = new Cleaner(SAFELIST).clean(dirty);
        for (Element img : clean.select("img")) {
            String src = img.attr("src");
            if (src.isEmpty() || !images.allows(src)) {
                String alt = img.attr("alt");
                if (alt.isEmpty()) {
                    img.remove();
                } else {
                    img.replaceWith(new TextNode(alt));
                }
            }
        }
        // A link whose href was refused is only its text.
        for (Element a : clean.select("a:not([href])")) {
            a.unwrap();
        }
        clean.outputSettings().prettyPrint(false);
        return clean.body().html().strip();
    }
}
