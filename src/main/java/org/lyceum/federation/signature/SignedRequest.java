package org.lyceum.federation.signature;

import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.lyceum.federation.Authority;

/**
 * An HTTP request as signatures see it: method, full target URI, headers (names lower-case; a
 * repeated header joined with ", " as HTTP allows) and body.
 */
@SuppressWarnings("ArrayRecordComponent") // a request to sign or verify, never compared or hashed
public record SignedRequest(String method, URI target, Map<String, String> headers, byte[] body) {

    /** A request without a body ({@code body} null) gets an empty one. */
    public SignedRequest(String method, URI target, Map<String, String> headers, byte @Nullable [] body) {
        Map<String, String> lower = new HashMap<>();
        headers.forEach((k, v) -> lower.merge(k.toLowerCase(Locale.ROOT), v.trim(), (a, b) -> a + ", " + b));
        this.method = method;
        this.target = target;
        this.headers = Map.copyOf(lower);
        this.body = body == null ? new byte[0] : body;
    }

    /** The header's value, or null when the request has none. */
    public @Nullable String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The origin-form target: path and query, as both signature schemes name it. */
    public String requestTarget() {
        String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
        return target.getRawQuery() == null ? path : path + "?" + target.getRawQuery();
    }

    /** Host, with the port only when it is not the scheme's default. */
    public String authority() {
        return Authority.of(target);
    }
}
