package org.lyceum.federation.delivery;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.security.PrivateKey;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.lyceum.federation.actor.ActorKeys;
import org.lyceum.federation.actor.SigningPool;
import org.lyceum.federation.fetch.SafeFetcher;
import org.lyceum.federation.signature.CavageSignatures;
import org.lyceum.federation.signature.Rfc9421Signatures;

/**
 * One delivery POST, signed by its actor with a fresh signature (receivers refuse old ones):
 * draft-cavage first, which every peer reads; a 401 gets one more try with RFC 9421.
 */
@ApplicationScoped
public class SignedPost {

    private final SafeFetcher http;
    private final ActorKeys keys;
    private final SigningPool signing;
    private final Map<String, PrivateKey> signers = new ConcurrentHashMap<>();

    SignedPost(SafeFetcher http, ActorKeys keys, SigningPool signing) {
        this.http = http;
        this.keys = keys;
        this.signing = signing;
    }

    public Uni<SafeFetcher.Fetched> send(URI inbox, byte[] body, String signer) {
        return key(signer).chain(key -> post(inbox, body, signer, key, false)
                .chain(response -> response.status() == 401
                        ? post(inbox, body, signer, key, true)
                        : Uni.createFrom().item(response)));
    }

    private Uni<SafeFetcher.Fetched> post(URI inbox, byte[] body, String signer, PrivateKey key, boolean rfc9421) {
        return signing.run(() -> {
                    Map<String, String> headers = new HashMap<>(
                            rfc9421
                                    ? Rfc9421Signatures.sign(
                                            "POST", inbox, body, signer + "#main-key", key, Clock.systemUTC())
                                    : CavageSignatures.sign(
                                            "POST", inbox, body, signer + "#main-key", key, Clock.systemUTC()));
                    headers.put("Content-Type", "application/activity+json");
                    headers.put("Accept", "application/activity+json");
                    headers.put("User-Agent", "Lyceum (+https://github.com/lyceum)");
                    return headers;
                })
                .chain(headers -> http.post(inbox, headers, body));
    }

    /** Actors' private keys are parsed once per process, not per delivery. */
    private Uni<PrivateKey> key(String actorId) {
        PrivateKey known = signers.get(actorId);
        return known != null
                ? Uni.createFrom().item(known)
                : keys.privateKeyOf(actorId).invoke(k -> signers.put(actorId, k));
    }
}
