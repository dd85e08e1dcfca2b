package org.lyceum.federation.actor;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.lyceum.database.Sql;

/**
 * The RSA-2048 key pair of each local actor, made on first need and kept in actor_key. Making a
 * key costs tens of milliseconds of CPU, so it happens on a worker thread; two instances making
 * one at once keep whichever was stored first.
 */
@ApplicationScoped
public class ActorKeys {

    private final Sql sql;
    private final Vertx vertx;

    ActorKeys(Sql sql, Vertx vertx) {
        this.sql = sql;
        this.vertx = vertx;
    }

    /** An actor's key id and public key in PEM. */
    public record PublicKey(String keyId, String pem) {}

    public Uni<PublicKey> publicKeyOf(String actorId) {
        return stored(actorId).onItem().ifNull().switchTo(() -> create(actorId));
    }

    /** The private key of a local actor, made if it has none yet; for signing its requests. */
    public Uni<java.security.PrivateKey> privateKeyOf(String actorId) {
        return publicKeyOf(actorId)
                .chain(() -> sql.one(
                        "select private_pem from actor_key where actor_id = $1",
                        r -> r.getString("private_pem"),
                        actorId))
                .map(pem -> {
                    if (pem == null) {
                        throw new IllegalStateException("no private key for " + actorId);
                    }
                    try {
                        byte[] der = Base64.getMimeDecoder()
                                .decode(pem.replace("-----BEGIN PRIVATE KEY-----", "")
                                        .replace("-----END PRIVATE KEY-----", ""));
                        return java.security.KeyFactory.getInstance("RSA")
                                .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(der));
                    } catch (java.security.GeneralSecurityException e) {
                        throw new IllegalStateException("unreadable private key of " + actorId, e);
                    }
                });
    }

    private Uni<PublicKey> stored(String actorId) {
        return sql.one(
                "select key_id, public_pem from actor_key where actor_id = $1",
                r -> new PublicKey(r.getString("key_id"), r.getString("public_pem")),
                actorId);
    }

    private Uni<PublicKey> create(String actorId) {
        return vertx.executeBlocking(Uni.createFrom().item(ActorKeys::generate), false)
                .chain(pair -> sql.run(
                        "insert into actor_key (actor_id, key_id, public_pem, private_pem) values ($1, $2, $3, $4)"
                                + " on conflict (actor_id) do nothing",
                        actorId,
                        actorId + "#main-key",
                        pem("PUBLIC KEY", pair.getPublic().getEncoded()),
                        pem("PRIVATE KEY", pair.getPrivate().getEncoded())))
                .chain(() -> stored(actorId));
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
