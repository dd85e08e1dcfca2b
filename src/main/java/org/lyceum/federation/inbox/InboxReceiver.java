package org.lyceum.federation.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;
import org.jboss.logging.Logger;
import org.lyceum.database.Sql;
import org.lyceum.federation.FederationConfig;
import org.lyceum.federation.protocol.Json;
import org.lyceum.federation.remote.RemoteActor;
import org.lyceum.federation.remote.RemoteActors;
import org.lyceum.federation.remote.SignedGet;
import org.lyceum.federation.signature.CavageSignatures;
import org.lyceum.federation.signature.Rfc9421Signatures;
import org.lyceum.federation.signature.SignatureException;
import org.lyceum.federation.signature.SignedRequest;

/**
 * What every inbox does before it answers: bound the size, parse, verify the HTTP signature
 * (draft-cavage or RFC 9421, the signer's key refetched once when it does not match), check the
 * origin, and store the activity once per inbox. Processing happens after the 202.
 */
@ApplicationScoped
public class InboxReceiver {

    private static final Logger LOG = Logger.getLogger(InboxReceiver.class);

    private final Sql sql;
    private final RemoteActors actors;
    private final ObjectMapper mapper;
    private final FederationConfig config;
    private final InboxProcessor processor;

    InboxReceiver(Sql sql, RemoteActors actors, ObjectMapper mapper, FederationConfig config, InboxProcessor processor) {
        this.sql = sql;
        this.actors = actors;
        this.mapper = mapper;
        this.config = config;
        this.processor = processor;
    }

    /** Stores a verified activity; true when it was new to this inbox. Fails with an {@link InboxRefusal}. */
    public Uni<Boolean> receive(String inbox, SignedRequest request) {
        if (request.body().length > config.inboxMaxBytes()) {
            return refuse(413, "the activity is larger than " + config.inboxMaxBytes() + " bytes");
        }
        JsonNode activity;
        try {
            activity = mapper.readTree(request.body());
        } catch (IOException e) {
            return refuse(400, "the body is not JSON");
        }
        if (activity == null || !activity.isObject() || Json.text(activity, "id") == null || Json.type(activity) == null
                || Json.id(activity.get("actor")) == null) {
            return refuse(400, "an activity needs an id, a type and an actor");
        }
        String keyId;
        Verification check;
        try {
            if (Rfc9421Signatures.present(request)) {
                Rfc9421Signatures.Parsed parsed = Rfc9421Signatures.parse(request, Clock.systemUTC(), config.clockSkew());
                keyId = parsed.input().keyId();
                check = key -> Rfc9421Signatures.verify(request, parsed, key);
            } else {
                CavageSignatures.Parsed parsed = CavageSignatures.parse(request, Clock.systemUTC(), config.clockSkew());
                keyId = parsed.keyId();
                check = key -> CavageSignatures.verify(request, parsed, key);
            }
        } catch (SignatureException e) {
            return refuse(401, e.getMessage());
        }
        return signer(keyId, check, activity)
                .chain(signer -> {
                    if (signer == null) {
                        return Uni.createFrom().item(false);
                    }
                    String refusal = Origin.refusal(activity, signer.apId());
                    if (refusal != null) {
                        LOG.infof("Refused %s from %s: %s", Json.type(activity), signer.apId(), refusal);
                        return refuse(403, refusal);
                    }
                    return sql.run("insert into inbox_activity (inbox, ap_id, actor, type, body) values ($1, $2, $3, $4, $5)"
                                    + " on conflict (inbox, ap_id) do nothing", inbox, Json.text(activity, "id"), signer.apId(),
                            Json.type(activity), new String(request.body(), java.nio.charset.StandardCharsets.UTF_8))
                            .map(n -> n > 0)
                            .invoke(fresh -> {
                                if (fresh) {
                                    processor.kick();
                                }
                            });
                });
    }

    @FunctionalInterface
    private interface Verification {
        void verify(PublicKey key) throws SignatureException;
    }

    /**
     * The verified signer; null for the Delete of an actor whose key can no longer be fetched
     * (accepted and dropped: there is nothing of it left to verify against).
     */
    private Uni<RemoteActor> signer(String keyId, Verification check, JsonNode activity) {
        return actors.byKeyId(keyId, false)
                .chain(actor -> verifies(actor, check) ? Uni.createFrom().item(actor)
                        : actors.byKeyId(keyId, true).map(fresh -> {
                            if (!verifies(fresh, check)) {
                                throw new InboxRefusal(401, "the signature does not match the key " + keyId);
                            }
                            return fresh;
                        }))
                .onFailure(e -> !(e instanceof InboxRefusal)).recoverWithUni(e -> {
                    if (e instanceof SignedGet.GoneException && "Delete".equals(Json.type(activity))) {
                        return Uni.createFrom().nullItem();
                    }
                    LOG.debugf("Key %s could not be had: %s", keyId, e.getMessage());
                    return refuse(401, "the key " + keyId + " could not be fetched: " + e.getMessage());
                });
    }

    private static boolean verifies(RemoteActor actor, Verification check) {
        if (actor == null || actor.publicPem() == null) {
            return false;
        }
        try {
            check.verify(publicKey(actor.publicPem()));
            return true;
        } catch (SignatureException | RuntimeException e) {
            return false;
        }
    }

    static PublicKey publicKey(String pem) {
        try {
            String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            byte[] der = Base64.getDecoder().decode(body);
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("unreadable public key", e);
        }
    }

    private static <T> Uni<T> refuse(int status, String reason) {
        return Uni.createFrom().failure(new InboxRefusal(status, reason));
    }

    /** The full URL of a request, as the sender addressed it (for RFC 9421's @target-uri). */
    static URI target(String baseUrl, String pathAndQuery) {
        return URI.create(baseUrl + pathAndQuery);
    }
}
