package org.lyceum.hostile;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.lyceum.federation.signature.CavageSignatures;

/**
 * A hostile fediverse server on 127.0.0.1 (allowlisted in tests): one actor whose key it
 * publishes and signs with, and whatever documents the test puts at a path, typeless ones included.
 */
final class Peer implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final KeyPair key;
    final Map<String, String> documents = new ConcurrentHashMap<>();

    Peer() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            key = generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        server = vertx.createHttpServer()
                .requestHandler(request -> {
                    String document = request.path().equals("/users/eve") ? actor() : documents.get(request.path());
                    if (document == null) {
                        request.response().setStatusCode(404).endAndForget();
                    } else {
                        request.response()
                                .putHeader("Content-Type", "application/activity+json")
                                .endAndForget(document);
                    }
                })
                .listenAndAwait(0, "127.0.0.1");
    }

    String origin() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    String actorId() {
        return origin() + "/users/eve";
    }

    private String actor() {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(key.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
        return new JsonObject()
                .put("id", actorId())
                .put("type", "Person")
                .put("preferredUsername", "eve")
                .put("inbox", actorId() + "/inbox")
                .put(
                        "publicKey",
                        new JsonObject()
                                .put("id", actorId() + "#main-key")
                                .put("owner", actorId())
                                .put("publicKeyPem", pem))
                .encode();
    }

    /** Headers of a POST of {@code body} to our instance's {@code path}, signed (cavage) by eve. */
    Map<String, String> sign(String path, byte[] body) {
        return CavageSignatures.sign(
                "POST",
                URI.create("https://lyceum.test" + path),
                body,
                actorId() + "#main-key",
                key.getPrivate(),
                Clock.systemUTC());
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.closeAndAwait();
        vertx.closeAndAwait();
    }
}
