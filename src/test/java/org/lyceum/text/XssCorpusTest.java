package org.lyceum.text;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Hostile input through both doors: our Markdown renderer and the sanitizer of other servers' HTML. */
class XssCorpusTest {

    private static final ImageSources MEDIA = ImageSources.media(List.of("https://lyceum.example"));

    private static final Set<String> ALLOWED_TAGS = Set.of(
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
            "img");

    static Stream<String> corpus() {
        return Stream.of(
                "<script>alert(1)</script>",
                "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
                "<img src=x onerror=alert(1)>",
                "<img src=\"https://lyceum.example/media/1/a.png\" onerror=\"alert(1)\">",
                "<svg onload=alert(1)>",
                "<svg><script>alert(1)</script></svg>",
                "<body onload=alert(1)>",
                "<iframe src=\"https://evil.example\"></iframe>",
                "<style>body{display:none}</style>",
                "<a href=\"javascript:alert(1)\">x</a>",
                "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
                "<a href=\"jav&#x61;script:alert(1)\">x</a>",
                "<a href=\"jav&#97;script&colon;alert(1)\">x</a>",
                "<a href=\"  javascript:alert(1)\">x</a>",
                "<a href=\"java\tscript:alert(1)\">x</a>",
                "<a href=\"java\nscript:alert(1)\">x</a>",
                "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
                "<a href=\"vbscript:msgbox(1)\">x</a>",
                "<a href=\"//evil.example/x\">x</a>",
                "<a href=\"https://x.example\" onclick=\"alert(1)\">x</a>",
                "<a href=\"https://x.example\" style=\"position:fixed;top:0\">x</a>",
                "<a href=\"https://x.example\" target=\"_blank\" rel=\"opener\">x</a>",
                "<a href=\"https://x.example\"onmouseover=alert(1)>x</a>",
                "<a href='https://x.example onclick=alert(1)>x</a>",
                "<img src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\">",
                "<img src=\"//evil.example/x.png\">",
                "<div><p><b onmouseover=alert(1)>nested <i>deep <script>alert(1)</script></i></b></p></div>",
                "<<script>script>alert(1)<</script>/script>",
                "<scr<script>ipt>alert(1)</script>",
                "<p title=\"</p><script>alert(1)</script>\">t</p>",
                "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
                "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
                "<form action=\"https://evil.example\"><input name=x><button>go</button></form>",
                "<object data=\"javascript:alert(1)\"></object><embed src=x>",
                "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
                "<base href=\"https://evil.example/\">",
                "<link rel=stylesheet href=https://evil.example/x.css>",
                "<table background=\"javascript:alert(1)\"><tr><td onclick=alert(1)>x</td></tr></table>",
                "<img src=\"x\" alt=\"\" onerror=\"alert(1)\"/>",
                "<a href=\"mailto:a@example.org\" onfocus=alert(1) autofocus>m</a>",
                "[x](javascript:alert(1))",
                "[x](JAVASCRIPT:alert(1))",
                "[x](jav&#x61;script:alert(1))",
                "[x](data:text/html,<script>alert(1)</script>)",
                "[x]( javascript:alert(1) )",
                "[x](<javascript:alert(1)>)",
                "[x](//evil.example)",
                "![x](javascript:alert(1))",
                "![x](data:image/png;base64,AAAA)",
                "![x](https://evil.example/track.png)",
                "![x\" onerror=\"alert(1)](https://lyceum.example/media/1/a.png)",
                "[x](https://x.example \"t\\\" onclick=\\\"alert(1)\")",
                "<javascript:alert(1)>",
                "<https://x.example/\" onclick=\"alert(1)>",
                "```\n<script>alert(1)</script>\n```",
                "`<img src=x onerror=alert(1)>`",
                "> <iframe src=https://evil.example>",
                "| a |\n|---|\n| <script>alert(1)</script> |",
                "<!-- <script>alert(1)</script> -->",
                "<![CDATA[<script>alert(1)</script>]]>",
                "<a href=\"https://x.example\"><img src=x onerror=alert(1)></a>",
                "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
                "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">x</a>",
                "<a href=\"&#x6A;avascript:alert(1)\">x</a>",
                "<a href=\"http://x.example\u0000javascript:alert(1)\">x</a>",
                "<img src=\"https://lyceum.example/media/1/a.png\" srcset=\"https://evil.example/x.png 1x\">");
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void ourMarkdownHasNoActiveContent(String input) {
        assertInert(Markdown.toHtml(input, MEDIA), input);
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void incomingHtmlHasNoActiveContent(String input) {
        assertInert(HtmlSanitizer.clean(input, MEDIA), input);
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void incomingHtmlWithoutImagesHasNone(String input) {
        String out = HtmlSanitizer.clean(input, ImageSources.NONE);
        assertInert(out, input);
        assertTrue(Jsoup.parseBodyFragment(out).select("img").isEmpty(), out);
    }

    static void assertInert(String html, String input) {
        Document doc = Jsoup.parseBodyFragment(html);
        for (Element e : doc.body().select("body *")) {
            if (!ALLOWED_TAGS.contains(e.normalName())) {
                fail("<" + e.normalName() + "> in " + html + " from " + input);
            }
            for (Attribute a : e.attributes()) {
                String name = a.getKey().toLowerCase(Locale.ROOT);
                assertFalse(name.startsWith("on"), () -> name + " in " + html + " from " + input);
                assertTrue(
                        Set.of("href", "rel", "title", "src", "alt", "start", "align")
                                .contains(name),
                        () -> name + " in " + html + " from " + input);
            }
            if (e.normalName().equals("a") && e.hasAttr("href")) {
                String href = e.attr("href");
                assertTrue(
                        href.startsWith("https://") || href.startsWith("http://") || href.startsWith("mailto:"),
                        () -> "href " + href + " in " + html + " from " + input);
                assertTrue(e.attr("rel").equals(HtmlSanitizer.REL), html);
            }
            if (e.normalName().equals("img")) {
                assertTrue(MEDIA.allows(e.attr("src")), () -> "img " + e.attr("src") + " in " + html);
            }
        }
        assertFalse(html.toLowerCase(Locale.ROOT).contains("<script"), html);
    }
}
