package org.lyceum.text;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MarkdownTest {

    private static final ImageSources MEDIA =
            ImageSources.media(List.of("https://lyceum.example", "https://cdn.example"));

    private static String html(String md) {
        return Markdown.toHtml(md, MEDIA);
    }

    @Test
    void paragraphsEmphasisAndHeadings() {
        assertEquals(
                "<h2>Title</h2>\n<p><em>a</em> <strong>b</strong> <del>c</del></p>",
                html("## Title\n\n*a* **b** ~~c~~"));
        assertEquals("<p>one<br>two</p>", html("one\ntwo"));
    }

    @Test
    void gfmTables() {
        String out = html("| a | b |\n|---|:-:|\n| 1 | 2 |");
        assertThat(out, containsString("<table>"));
        assertThat(out, containsString("<thead>"));
        assertThat(out, containsString("<th>a</th>"));
        assertThat(out, containsString("<td align=\"center\">2</td>"));
    }

    @Test
    void aTableThatWouldPadIntoMillionsOfCellsStaysText() {
        // 2 500 columns and 3 333 one-cell rows: 20 000 characters asking for 8.3 million cells.
        String bomb = "a|".repeat(2_500) + "\n" + "-|".repeat(2_500) + "\n" + "a|\n".repeat(3_333);
        assertEquals(true, TableGuard.tooLarge(bomb));
        String out = html(bomb);
        assertThat(out, not(containsString("<table>")));
        assertThat(out.length() < 3 * bomb.length(), org.hamcrest.Matchers.is(true));

        String tall = "| a | b |\n|---|---|\n" + "| 1 | 2 |\n".repeat(6_000);
        assertThat(html(tall), not(containsString("<td>")));
        String fine = "| a | b |\n|---|---|\n" + "| 1 | 2 |\n".repeat(100);
        assertEquals(false, TableGuard.tooLarge(fine));
        assertThat(html(fine), containsString("<td>1</td>"));
    }

    @Test
    void codeAndQuotes() {
        assertEquals("<p><code>&lt;b&gt;x&lt;/b&gt;</code></p>", html("`<b>x</b>`"));
        assertEquals("<pre><code>if (a &lt; b) {}\n</code></pre>", html("```java\nif (a < b) {}\n```"));
        assertEquals("<blockquote>\n<p>quoted</p>\n</blockquote>", html("> quoted"));
        assertEquals("<ul>\n<li>a</li>\n<li>b</li>\n</ul>", html("- a\n- b"));
        assertEquals("<ol start=\"3\">\n<li>c</li>\n</ol>", html("3. c"));
    }

    @Test
    void linksGetRelAndAutolinksWork() {
        assertEquals(
                "<p><a href=\"https://example.org/x\" rel=\"nofollow ugc noopener\">x</a></p>",
                html("[x](https://example.org/x)"));
        assertEquals(
                "<p>see <a href=\"https://example.org\" rel=\"nofollow ugc noopener\">https://example.org</a></p>",
                html("see https://example.org"));
        assertThat(html("www.example.org"), containsString("href=\"http://www.example.org\""));
        assertThat(html("<mailto:a@example.org>"), containsString("href=\"mailto:a@example.org\""));
        // No e-mail autolink: it would take @name@host apart.
        assertThat(html("@bob@example.org"), not(containsString("<a")));
    }

    @Test
    void rawHtmlIsEscaped() {
        assertEquals("<p>&lt;b&gt;bold&lt;/b&gt;</p>", html("<b>bold</b>"));
        assertEquals("<p>&lt;div&gt;block&lt;/div&gt;</p>", html("<div>block</div>"));
    }

    @Test
    void imagesOnlyFromOurMedia() {
        assertEquals(
                "<p><img src=\"https://lyceum.example/media/1/a.png\" alt=\"a\"></p>",
                html("![a](https://lyceum.example/media/1/a.png)"));
        assertThat(html("![b](https://cdn.example/media/2/b.png)"), containsString("<img"));
        assertEquals("<p>elsewhere</p>", html("![elsewhere](https://evil.example/media/1/a.png)"));
        assertEquals("<p>up</p>", html("![up](https://lyceum.example/media/../graphql)"));
        assertEquals("<p></p>", html("![](https://evil.example/x.png)"));
    }

    @Test
    void mentionsAreLinkedOutsideCodeAndLinks() {
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        Map<String, Mentions.Target> people = Map.of(
                "alice@", new Mentions.Target(alice, "https://lyceum.example/people/a"),
                "bob@remote.example", new Mentions.Target(bob, "https://remote.example/users/bob"));
        Rendered r = Markdown.render(
                "hi @alice and @Bob@remote.example, not @carol, `@alice`, [@alice](https://x.example), a@alice.example",
                people,
                "lyceum.example",
                MEDIA);
        assertEquals(List.of(alice, bob), r.mentioned());
        assertThat(
                r.html(),
                containsString("<a href=\"https://lyceum.example/people/a\" rel=\"nofollow ugc noopener\">@alice</a>"));
        assertThat(
                r.html(),
                containsString(
                        "<a href=\"https://remote.example/users/bob\" rel=\"nofollow ugc noopener\">@Bob@remote.example</a>"));
        assertThat(r.html(), containsString("not @carol"));
        assertThat(r.html(), containsString("<code>@alice</code>"));
        assertThat(r.html(), containsString("a@alice.example"));
        // Our own host written out is the local person.
        assertEquals(
                List.of(alice),
                Markdown.render("@alice@lyceum.example.", people, "lyceum.example", MEDIA)
                        .mentioned());
    }

    @Test
    void handlesAreFoundOnce() {
        assertEquals(
                List.of(new Mentions.Handle("a", null), new Mentions.Handle("b.c", "h.example:8080")),
                Mentions.find(Markdown.parse("@a @a @b.c@h.example:8080 x@y `@z` [@w](https://w)")));
    }
}
