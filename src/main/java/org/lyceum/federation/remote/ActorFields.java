package org.lyceum.federation.remote;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.lyceum.federation.Authority;
import org.lyceum.federation.fetch.FetchRefusedException;
import org.lyceum.federation.protocol.Json;

/** How {@link RemoteActors} reads the fields of an actor's document it does not take as they are. */
final class ActorFields {

    private ActorFields() {}

    /** Whether the URL is an http(s) URL on this host (a bad one is just not). */
    static boolean onHost(@Nullable String url, String host) {
        try {
            return url != null && Authority.of(uri(url)).equals(host);
        } catch (FetchRefusedException e) {
            return false;
        }
    }

    /** An http(s) URL, or FetchRefusedException (permanent). */
    static URI uri(String s) {
        try {
            URI u = URI.create(s);
            if (u.getHost() == null || !("https".equals(u.getScheme()) || "http".equals(u.getScheme()))) {
                throw new FetchRefusedException("not an http(s) URL: " + s, true);
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw new FetchRefusedException("not a URL: " + s, true);
        }
    }

    /** An icon or banner: an Image (the first of several) with a url, or a bare URL; http(s) only. */
    static @Nullable String imageUrl(JsonNode actor, String field) {
        JsonNode v = actor.get(field);
        return httpUrl(v == null ? null : v.isTextual() ? v.asText() : Json.text(Json.embedded(actor, field), "url"));
    }

    static @Nullable String httpUrl(@Nullable String s) {
        return s != null && s.length() <= 2048 && (s.startsWith("https://") || s.startsWith("http://")) ? s : null;
    }

    static @Nullable String cut(@Nullable String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
