import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The baseline of bench/subscriptions.sh: a bare Vert.x WebSocket server speaking just enough
 * graphql-transport-ws (connection_init, subscribe with variables.t, complete, ping) and pushing, for
 * each POST /publish {"thread", "content"}, the same next message Lyceum sends for commentAdded to
 * every subscriber of that thread. No database, no GraphQL, no checks.
 * Usage: java -cp 'target/quarkus-app/lib/main/*' bench/RawPush.java <port>
 */
public class RawPush {

    record Subscriber(ServerWebSocket socket, String id) {}

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        Vertx vertx = Vertx.vertx();
        Map<String, Set<Subscriber>> byThread = new ConcurrentHashMap<>();
        vertx.createHttpServer(new HttpServerOptions().addWebSocketSubProtocol("graphql-transport-ws"))
                .webSocketHandler(socket -> {
                    socket.textMessageHandler(text -> {
                        JsonObject message = new JsonObject(text);
                        switch (message.getString("type")) {
                            case "connection_init" -> socket.writeTextMessage("{\"type\":\"connection_ack\"}");
                            case "ping" -> socket.writeTextMessage("{\"type\":\"pong\"}");
                            case "subscribe" -> {
                                String thread = message.getJsonObject("payload")
                                        .getJsonObject("variables")
                                        .getString("t");
                                Subscriber s = new Subscriber(socket, message.getString("id"));
                                byThread.computeIfAbsent(thread, k -> ConcurrentHashMap.newKeySet())
                                        .add(s);
                                socket.closeHandler(v -> byThread.get(thread).remove(s));
                            }
                            default -> {}
                        }
                    });
                })
                .requestHandler(request -> request.body().onSuccess(body -> {
                    JsonObject publish = body.toJsonObject();
                    String thread = publish.getString("thread");
                    JsonObject comment = new JsonObject()
                            .put(
                                    "id",
                                    "Q29tbWVudDo" + UUID.randomUUID().toString().replace("-", ""))
                            .put("content", publish.getString("content"))
                            .put("author", new JsonObject().put("username", "user_1"))
                            .put("createdAt", java.time.OffsetDateTime.now().toString());
                    for (Subscriber s : byThread.getOrDefault(thread, Set.of())) {
                        if (!s.socket().writeQueueFull()) {
                            s.socket()
                                    .writeTextMessage(new JsonObject()
                                            .put("id", s.id())
                                            .put("type", "next")
                                            .put(
                                                    "payload",
                                                    new JsonObject()
                                                            .put("data", new JsonObject().put("commentAdded", comment)))
                                            .encode());
                        }
                    }
                    request.response().end("{}");
                }))
                .listen(port, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .join();
        System.out.println("RawPush listening on " + port);
    }
}
