package org.lyceum.federation.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.Objects;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;
import org.lyceum.federation.FederationConfig;
import org.lyceum.federation.fetch.FetchRefusedException;
import org.lyceum.federation.policy.DomainPolicy;
import org.lyceum.federation.protocol.Json;
import org.lyceum.federation.remote.RemoteActor;
import org.lyceum.federation.remote.RemoteActors;
import org.lyceum.federation.remote.SignedGet;
import org.lyceum.federation.signature.CavageSignatures;
import org.lyceum.federation.signature.Rfc9421Signatures;
import org.lyceum.federation.signature.SignatureException;
import org.lyceum.federation.signature.SignedRequest;

/**
 * Who signed a request: draft-cavage or RFC 9421, checked against the signer's stored key and,
 * when that does not match (a rotated key), against its key fetched once more (at most once per
 * key-refetch-cooldown per key). Fails with an
 * {@link InboxRefusal} of 401 and a reason.
 */
@ApplicationScoped
public class SignatureVerifier {

    private static final Logger LOG = Logger.getLogger(SignatureVerifier.class);

    private final RemoteActors actors;
    private final FederationConfig config;
    private final DomainPolicy policy;
    private static final int MAX_COOLING = 10_000;
    /** When each key was last fetched again after a mismatch (System.nanoTime). */
    private final java.util.Map<String, Long> refetched = new java.util.concurrent.ConcurrentHashMap<>();

    private volatile long lastSweep = System.nanoTime();

    private final MeterRegistry meters;
    /** A key asked for again within its cooldown: the one rate limit there is so far. */
    private final io.micrometer.core.instrument.Counter refetchRefusals;

    SignatureVerifier(RemoteActors actors, FederationConfig config, DomainPolicy policy, MeterRegistry meters) {
        this.meters = meters;
        this.refetchRefusals = meters.counter("lyceum.rate.limit.refusals", "class", "key_refetch");
        this.actors = actors;
        this.config = config;
        this.policy = policy;
    }

    @FunctionalInterface
    private interface Verification {
        void verify(PublicKey key) throws SignatureException;
    }

    /**
     * The verified signer. For an inbox, {@code activity} is the posted activity: the Delete of
     * an actor whose key can no longer be fetched gives null (taken and dropped: nothing of it
     * is left to verify against).
     */
    public Uni<RemoteActor> signer(SignedRequest request, @Nullable JsonNode activity) {
        String keyId;
        Verification check;
        try {
            if (Rfc9421Signatures.present(request)) {
                Rfc9421Signatures.Parsed parsed =
                        Rfc9421Signatures.parse(request, Clock.systemUTC(), config.clockSkew());
                keyId = Objects.requireNonNull(parsed.input().keyId(), "parse refuses a signature without a keyid");
                check = key -> Rfc9421Signatures.verify(request, parsed, key);
            } else {
                CavageSignatures.Parsed parsed = CavageSignatures.parse(request, Clock.systemUTC(), config.clockSkew());
                keyId = parsed.keyId();
                check = key -> CavageSignatures.verify(request, parsed, key);
            }
        } catch (SignatureException e) {
            return Uni.createFrom().failure(failure("unreadable", new InboxRefusal(401, e.getMessage())));
        }
        String host = Origin.hostOf(keyId);
        if (host == null || policy.suspended(host)) {
            return Uni.createFrom().failure(new InboxRefusal(403, "this instance does not federate with " + host));
        }
        return actors.byKeyId(keyId, false)
                .chain(actor -> verifies(actor, keyId, check)
                        ? Uni.createFrom().item(actor)
                        : !mayRefetch(keyId)
                                ? Uni.createFrom()
                                        .failure(failure(
                                                "mismatch_cooling_down",
                                                new InboxRefusal(
                                                        401,
                                                        "the signature does not match the key " + keyId
                                                                + " (fetched again less than "
                                                                + config.keyRefetchCooldown() + " ago)")))
                                : actors.byKeyId(keyId, true).map(fresh -> {
                                    if (!verifies(fresh, keyId, check)) {
                                        throw failure(
                                                "mismatch",
                                                new InboxRefusal(401, "the signature does not match the key " + keyId));
                                    }
                                    return fresh;
                                }))
                .onFailure(e -> !(e instanceof InboxRefusal))
                .recoverWithUni(e -> {
                    if (e instanceof SignedGet.GoneException
                            && activity != null
                            && "Delete".equals(Json.type(activity))) {
                        return Uni.createFrom().nullItem();
                    }
                    // The sender learns only that the key could not be fetched; why (DNS, a refused
                    // address, a timeout) stays here, so an inbox cannot be used to probe the network.
                    LOG.infof("Key %s could not be had: %s", keyId, e.getMessage());
                    return Uni.createFrom()
                            .failure(failure(
                                    "key_unavailable",
                                    new InboxRefusal(
                                            401,
                                            e instanceof FetchRefusedException f && f.byPolicy()
                                                    ? f.getMessage()
                                                    : "the key " + keyId + " could not be fetched")));
                });
    }

    /** Counts a refused signature by a reason from a fixed set (lyceum_inbox_signature_failures_total). */
    private InboxRefusal failure(String reason, InboxRefusal refusal) {
        meters.counter("lyceum.inbox.signature.failures", "reason", reason).increment();
        return refusal;
    }

    /**
     * Whether a key may be fetched again now: once per cooldown per key. The map forgets keys past
     * their cooldown (swept at most once a second); while it is full of keys still cooling down,
     * no key is fetched again.
     */
    private boolean mayRefetch(String keyId) {
        long now = System.nanoTime();
        long cooldown = config.keyRefetchCooldown().toNanos();
        if (refetched.size() >= MAX_COOLING && now - lastSweep > 1_000_000_000L) {
            lastSweep = now;
            refetched.values().removeIf(at -> now - at > cooldown);
        }
        if (refetched.size() >= MAX_COOLING && !refetched.containsKey(keyId)) {
            refetchRefusals.increment();
            return false;
        }
        boolean[] allowed = {false};
        refetched.compute(keyId, (k, at) -> {
            if (at != null && now - at <= cooldown) {
                return at;
            }
            allowed[0] = true;
            return now;
        });
        if (!allowed[0]) {
            refetchRefusals.increment();
        }
        return allowed[0];
    }

    private static boolean verifies(RemoteActor actor, String keyId, Verification check) {
        String pem = actor == null ? null : actor.pem(keyId);
        if (pem == null) {
            return false;
        }
        try {
            check.verify(publicKey(pem));
            return true;
        } catch (SignatureException | RuntimeException e) {
            return false;
        }
    }

    static PublicKey publicKey(String pem) {
        try {
            String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            byte[] der = Base64.getDecoder().decode(body);
            // An Ed25519 SubjectPublicKeyInfo names the algorithm 1.3.101.112 (06 03 2b 65 70) near its start.
            boolean ed25519 = der.length == 44 && der[4] == 0x06 && der[6] == 0x2b && der[7] == 0x65 && der[8] == 0x70;
            return KeyFactory.getInstance(ed25519 ? "Ed25519" : "RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("unreadable public key", e);
        }
    }
}
