package org.lyceum.federation.inbox.handler;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.lyceum.common.Check;
import org.lyceum.federation.protocol.Html;
import org.lyceum.federation.protocol.Json;
import org.lyceum.text.RemoteText;

/** An object's text as stored: the source (Markdown or sanitized HTML) and the HTML served. */
record Body(String content, String html) {

    /** The text of an object: its Markdown {@code source} when the peer sent one (Lemmy), else its sanitized HTML. */
    static @Nullable Body of(JsonNode o) {
        JsonNode source = o.get("source");
        RemoteText t = RemoteText.of(
                Json.text(o, "content"),
                source != null && source.isObject() ? Json.text(source, "content") : null,
                source != null && source.isObject() ? Json.text(source, "mediaType") : null,
                Check.BODY_MAX);
        return t == null ? null : new Body(t.content(), t.html());
    }

    static Body orNone(@Nullable Body body) {
        return body == null || body.plain().isBlank() ? new Body("(no text)", "<p>(no text)</p>") : body;
    }

    /** A title's fallback, the first line of the text. */
    String plain() {
        return Objects.requireNonNull(Html.toText(html), "the text of a string is a string");
    }
}
