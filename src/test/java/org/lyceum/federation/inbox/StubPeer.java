package org.lyceum.federation.inbox;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.lyceum.federation.signature.CavageSignatures;
import org.lyceum.federation.signature.Rfc9421Signatures;

/**
 * Another fediverse server, played by a Vert.x HTTP server on 127.0.0.1: it serves actor documents
 * with keys it holds, signs requests as its actors, and keeps what its inboxes were sent.
 */
final class StubPeer implements AutoCloseable {

    final Vertx vertx = Vertx.vertx();
    final HttpServer server;
    final Map<String, KeyPair> keys = new ConcurrentHashMap<>();
    final Map<String, String> types = new ConcurrentHashMap<>();
    final Map<String, String> names = new ConcurrentHashMap<>();
    /** Ed25519 keys some actors also publish, as assertionMethod Multikeys (as Fedify does). */
    final Map<String, KeyPair> edKeys = new ConcurrentHashMap<>();
    /** Further properties of some actors' documents (icon, image), by actor name. */
    final Map<String, JsonObject> extras = new ConcurrentHashMap<>();
    /** Other documents served as they are, by path. */
    final Map<String, JsonObject> documents = new ConcurrentHashMap<>();

    final List<JsonObject> inbox = new CopyOnWriteArrayList<>();
    final AtomicInteger actorFetches = new AtomicInteger();

    StubPeer() {
        server = vertx.createHttpServer()
                .requestHandler(request -> request.body().subscribe().with(body -> {
                    String path = request.path();
                    if (request.method().name().equals("POST")) {
                        inbox.add(new JsonObject(body.toString()));
                        request.response().setStatusCode(202).endAndForget();
                        return;
                    }
                    if (documents.containsKey(path)) {
                        request.response()
                                .putHeader("Content-Type", "application/activity+json")
                                .endAndForget(documents.get(path).encode());
                        return;
                    }
                    String name = path.startsWith("/users/") ? path.substring("/users/".length()) : null;
                    if (name == null || !keys.containsKey(name)) {
                        request.response().setStatusCode(404).endAndForget();
                        return;
                    }
                    actorFetches.incrementAndGet();
                    request.response()
                            .putHeader("Content-Type", "application/activity+json")
                            .endAndForget(actor(name).encode());
                }))
                .listenAndAwait(0, "127.0.0.1");
    }

    String origin() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    String actorId(String name) {
        return origin() + "/users/" + name;
    }

    /** Creates (or gives a new key to) an actor of this server. */
    String actor(String name, String type) {
        keys.put(name, newKey());
        types.put(name, type);
        return actorId(name);
    }

    private JsonObject actor(String name) {
        String id = actorId(name);
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder()
                        .encodeToString(keys.get(name).getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
        return new JsonObject()
                .put("@context", new JsonArray().add("https://www.w3.org/ns/activitystreams"))
                .put("id", id)
                .put("type", types.get(name))
                .put("preferredUsername", name)
                .put("name", names.getOrDefault(name, "<b>" + name + "</b> Remote"))
                .put("inbox", id + "/inbox")
                .put("endpoints", new JsonObject().put("sharedInbox", origin() + "/inbox"))
                .put(
                        "publicKey",
                        new JsonObject()
                                .put("id", id + "#main-key")
                                .put("owner", id)
                                .put("publicKeyPem", pem))
                .put(
                        "assertionMethod",
                        edKeys.containsKey(name)
                                ? new JsonArray()
                                        .add(new JsonObject()
                                                .put("id", id + "#ed25519-key")
                                                .put("type", "Multikey")
                                                .put("controller", id)
                                                .put("publicKeyMultibase", multibase(edKeys.get(name))))
                                : new JsonArray())
                .mergeIn(extras.getOrDefault(name, new JsonObject()));
    }

    private static String multibase(KeyPair key) {
        byte[] spki = key.getPublic().getEncoded();
        return org.lyceum.federation.protocol.Multikey.ed25519Multibase(
                java.util.Arrays.copyOfRange(spki, spki.length - 32, spki.length));
    }

    /** Gives an actor an Ed25519 key too. */
    void ed25519(String name) {
        try {
            edKeys.put(name, KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Headers of a POST signed with RFC 9421 by the actor's Ed25519 key. */
    Map<String, String> signEd25519(String name, URI target, byte[] body) {
        return Rfc9421Signatures.sign(
                "POST",
                target,
                body,
                actorId(name) + "#ed25519-key",
                edKeys.get(name).getPrivate(),
                Clock.systemUTC());
    }

    /** Headers of a POST of {@code body} to {@code target}, signed by the actor with either scheme. */
    Map<String, String> sign(String name, URI target, byte[] body, boolean rfc9421, Clock clock) {
        String keyId = actorId(name) + "#main-key";
        return rfc9421
                ? Rfc9421Signatures.sign(
                        "POST", target, body, keyId, keys.get(name).getPrivate(), clock)
                : CavageSignatures.sign(
                        "POST", target, body, keyId, keys.get(name).getPrivate(), clock);
    }

    /** An actor document of {@code id} listing {@code key}, as a server would serve it. */
    JsonObject document(String id, String keyId, KeyPair key) {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(key.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
        return new JsonObject()
                .put("id", id)
                .put("type", "Person")
                .put("preferredUsername", "x")
                .put("inbox", id + "/inbox")
                .put(
                        "publicKey",
                        new JsonObject().put("id", keyId).put("owner", id).put("publicKeyPem", pem));
    }

    static Map<String, String> signWith(KeyPair key, String keyId, URI target, byte[] body) {
        return CavageSignatures.sign("POST", target, body, keyId, key.getPrivate(), Clock.systemUTC());
    }

    List<JsonObject> received(String type) {
        return inbox.stream().filter(a -> type.equals(a.getString("type"))).toList();
    }

    static byte[] bytes(JsonObject json) {
        return json.encode().getBytes(StandardCharsets.UTF_8);
    }

    static KeyPair newKey() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.closeAndAwait();
        vertx.closeAndAwait();
    }
}
