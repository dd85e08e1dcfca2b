package org.lyceum.federation.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.trace.SpanKind;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.security.PrivateKey;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.lyceum.federation.actor.ActorKeys;
import org.lyceum.federation.actor.SigningPool;
import org.lyceum.federation.fetch.FetchRefusedException;
import org.lyceum.federation.fetch.SafeFetcher;
import org.lyceum.federation.signature.CavageSignatures;
import org.lyceum.federation.signature.Rfc9421Signatures;
import org.lyceum.instance.InstanceConfig;
import org.lyceum.observability.Telemetry;

/**
 * GETs of ActivityPub documents, signed by the instance actor so that servers in authorized-fetch
 * mode answer. draft-cavage first, which every peer reads; on a 401, once more with RFC 9421.
 */
@ApplicationScoped
public class SignedGet {

    private static final int MAX_REDIRECTS = 3;
    static final String ACCEPT =
            "application/activity+json, application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"";

    /** A fetched document and the URL it finally came from (after redirects). */
    public record Document(URI from, JsonNode json) {}

    /** The remote object is gone (410) or does not exist (404). */
    public static class GoneException extends RuntimeException {
        public GoneException(String message) {
            super(message);
        }
    }

    private final SafeFetcher http;
    private final ActorKeys keys;
    private final ObjectMapper mapper;
    private final String signer;
    private final org.lyceum.federation.policy.DomainPolicy policy;
    private final SigningPool signing;
    /** Null until first needed. */
    private volatile @Nullable PrivateKey key;

    private final Telemetry telemetry;

    SignedGet(
            SafeFetcher http,
            ActorKeys keys,
            ObjectMapper mapper,
            InstanceConfig instance,
            org.lyceum.federation.policy.DomainPolicy policy,
            SigningPool signing,
            Telemetry telemetry) {
        this.telemetry = telemetry;
        this.policy = policy;
        this.signing = signing;
        this.http = http;
        this.keys = keys;
        this.mapper = mapper;
        this.signer = instance.baseUrl() + "/actor";
    }

    /** A signed GET of an ActivityPub document, in a span (a child of the request or job that asked). */
    public Uni<Document> fetch(URI uri) {
        return Telemetry.traced(
                telemetry
                        .span("federation fetch", SpanKind.CLIENT)
                        .setAttribute(Telemetry.SERVER, String.valueOf(uri.getHost()))
                        .setAttribute("url.full", uri.toString()),
                span -> fetchDocument(uri));
    }

    private Uni<Document> fetchDocument(URI uri) {
        if (uri.getHost() == null || policy.suspended(org.lyceum.federation.Authority.of(uri))) {
            return Uni.createFrom()
                    .failure(FetchRefusedException.policy(uri.getHost() + " is suspended by this instance's policy"));
        }
        return signingKey().chain(k -> hop(uri, k, 0)).map(f -> {
            if (f.status() == 404 || f.status() == 410) {
                throw new GoneException(uri + " answered " + f.status());
            }
            if (f.status() != 200) {
                throw new FetchRefusedException(uri + " answered " + f.status());
            }
            String type = f.contentType() == null ? "" : f.contentType().toLowerCase(java.util.Locale.ROOT);
            // ActivityPub's own media types only: a plain application/json file that a server hosts
            // for its users (uploads, static pages) must not speak for that server's actors and
            // objects (Mastodon's CVE-2024-23832 was this).
            if (!type.startsWith("application/activity+json") && !type.startsWith("application/ld+json")) {
                throw new FetchRefusedException(uri + " answered " + type + ", not ActivityPub JSON");
            }
            try {
                JsonNode json = mapper.readTree(f.body());
                if (json == null || !json.isObject()) {
                    throw new FetchRefusedException(uri + " did not answer with a JSON object");
                }
                return new Document(f.uri(), json);
            } catch (IOException e) {
                throw new FetchRefusedException(uri + " answered malformed JSON");
            }
        });
    }

    /**
     * One URL, signed for that URL (a redirect is signed anew for where it leads, so no signature
     * made for one server reaches another); on a 401 once more with RFC 9421.
     */
    private Uni<SafeFetcher.Fetched> hop(URI uri, PrivateKey k, int hops) {
        if (uri.getHost() == null || policy.suspended(org.lyceum.federation.Authority.of(uri))) {
            return Uni.createFrom()
                    .failure(FetchRefusedException.policy(uri + " is suspended by this instance's policy"));
        }
        return attempt(uri, k, false)
                .chain(f -> f.status() == 401
                        ? attempt(uri, k, true)
                        : Uni.createFrom().item(f))
                .chain(f -> {
                    if (f.status() < 300 || f.status() >= 400 || f.location() == null) {
                        return Uni.createFrom().item(f);
                    }
                    if (hops >= MAX_REDIRECTS) {
                        return Uni.createFrom()
                                .failure(new FetchRefusedException("more than " + MAX_REDIRECTS + " redirects"));
                    }
                    try {
                        return hop(uri.resolve(f.location().trim()), k, hops + 1);
                    } catch (IllegalArgumentException e) {
                        return Uni.createFrom()
                                .failure(new FetchRefusedException("a malformed redirect: " + f.location()));
                    }
                });
    }

    private Uni<SafeFetcher.Fetched> attempt(URI uri, PrivateKey k, boolean rfc9421) {
        return signing.run(() -> {
                    Map<String, String> headers = new HashMap<>(
                            rfc9421
                                    ? Rfc9421Signatures.sign(
                                            "GET", uri, null, signer + "#main-key", k, Clock.systemUTC())
                                    : CavageSignatures.sign(
                                            "GET", uri, null, signer + "#main-key", k, Clock.systemUTC()));
                    headers.put("Accept", ACCEPT);
                    return headers;
                })
                .chain(headers -> http.getOnce(uri, headers));
    }

    private Uni<PrivateKey> signingKey() {
        PrivateKey known = key;
        return known != null
                ? Uni.createFrom().item(known)
                : keys.privateKeyOf(signer).invoke(k -> key = k);
    }
}
