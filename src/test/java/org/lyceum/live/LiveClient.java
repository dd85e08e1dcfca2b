package org.lyceum.live;

import io.restassured.RestAssured;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** A graphql-transport-ws client over Vert.x' WebSocket client, as a browser would speak it. */
final class LiveClient implements AutoCloseable {

    private static final Vertx VERTX = Vertx.vertx();

    private final WebSocketClient client;
    private final WebSocket socket;
    private final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Short> closed = new CompletableFuture<>();

    private LiveClient(WebSocketClient client, WebSocket socket) {
        this.client = client;
        this.socket = socket;
        socket.textMessageHandler(text -> {
            JsonObject message = new JsonObject(text);
            if ("ping".equals(message.getString("type"))) {
                socket.writeTextMessage(new JsonObject().put("type", "pong").encode());
            } else if (!"pong".equals(message.getString("type"))) {
                received.add(message);
            }
        });
        socket.closeHandler(v -> closed.complete(socket.closeStatusCode()));
    }

    /** Connected, not yet initialised. */
    static LiveClient open() throws Exception {
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost("localhost")
                .setPort(RestAssured.port)
                .setURI("/graphql")
                .addSubProtocol("graphql-transport-ws");
        WebSocketClient client = VERTX.createWebSocketClient();
        WebSocket socket = client.connect(options)
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        return new LiveClient(client, socket);
    }

    /** Connected and acknowledged, with this token (null: anonymous). */
    static LiveClient connect(@Nullable String token) throws Exception {
        LiveClient client = open();
        client.init(token);
        JsonObject ack = client.next();
        if (!"connection_ack".equals(ack.getString("type"))) {
            throw new AssertionError("expected connection_ack, got " + ack);
        }
        return client;
    }

    void init(@Nullable String token) {
        JsonObject init = new JsonObject().put("type", "connection_init");
        if (token != null) {
            init.put("payload", new JsonObject().put("Authorization", "Bearer " + token));
        }
        send(init);
    }

    void subscribe(String id, String query, Map<String, Object> variables) {
        send(new JsonObject()
                .put("type", "subscribe")
                .put("id", id)
                .put("payload", new JsonObject().put("query", query).put("variables", new JsonObject(variables))));
    }

    void complete(String id) {
        send(new JsonObject().put("type", "complete").put("id", id));
    }

    void send(JsonObject message) {
        socket.writeTextMessage(message.encode());
    }

    /** The next message (10 s at most). */
    JsonObject next() throws InterruptedException {
        JsonObject message = received.poll(10, TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError("no message within 10 s");
        }
        return message;
    }

    /** The next message within this time, or null. */
    @Nullable
    JsonObject poll(long millis) throws InterruptedException {
        return received.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** The close code the server closed with (10 s at most). */
    short closeCode() throws Exception {
        return closed.get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        socket.close();
        client.close();
    }
}
