package org.lyceum.federation.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void markupBecomesPlainTextAndScriptsVanish() {
        assertEquals(
                "Halves first, then quarters & more.\nNext <line>",
                Html.toText(
                        "<p>Halves <script>alert(1)</script>first, <b>then</b> quarters &amp; more.</p><p>Next &lt;line&gt;</p>"));
        assertEquals("a\n\nb", Html.toText("a<br><br><br><br>b"));
        assertEquals("caf\u00e9 & co &amp co", Html.toText("caf&#233; &amp; co &amp co"));
        assertEquals("cut", Html.toText("cut<unclosed tag"));
        assertEquals("<p>a &lt;b&gt;<br>c</p><p>d</p>", Html.fromText("a <b>\nc\n\nd"));
    }

    @Test
    void hostileInputTakesLinearTime() {
        // 200 000 '<' without a '>' made the former regular expressions take minutes.
        String opens = "x" + "<".repeat(1_000_000);
        String scripts = "<script>".repeat(100_000);
        String amps = "&#".repeat(500_000);
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            assertEquals("x", Html.toText(opens));
            assertEquals("", Html.toText(scripts));
            assertEquals(Html.MAX_INPUT, Html.toText(amps).length());
        });
    }
}
