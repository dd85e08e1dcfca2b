package org.lyceum.federation.signature;

import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.lyceum.federation.Authority;

/**
 * An HTTP request as signatures see it: method, full target URI, headers (names lower-case; a
 * repeated header joined with ", " as HTTP allows) and body.
 */
@SuppressWarnings("ArrayRecordComponent") // a request to sign or verify, never compared or hashed
public record SignedRequest(String method, URI target, Map<String, String> headers, byte[] body) {

    public SignedRequest {
        Map<String, String> lower = new HashMap<>();
        headers.forEach((k, v) -> lower.merge(k.toLowerCase(Locale.ROOT), v.trim(), (a, b) -> a + ", " + b));
        headers = Map.copyOf(lower);
        body = body == null ? new byte[0] : body;
    }

    public String header(String name) {
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
