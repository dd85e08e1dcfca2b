import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load of bench/subscriptions.sh. Opens SUBS WebSockets (one commentAdded subscription each,
 * PER_THREAD per thread of threads.txt, five per token of tokens.txt), writes "subscribed" into
 * the directory and waits for "go" (the script measures the idle heap meanwhile); then writes
 * comments at a fixed rate spread over the threads for the given seconds and reports p50/p99/max
 * from the mutation being sent to each subscriber receiving it (an upper bound of commit to
 * client) after a warm-up at the same rate, and then as many as 64 writes in flight allow, reporting messages received per second.
 * Against Lyceum a comment is createReply over GraphQL; against bench/RawPush.java a POST /publish.
 * Usage: SubscriptionLoad <lyceum|raw> <port> <dir> <per-thread> <rate/s> <seconds> <saturation-seconds> [warm-up-seconds]
 */
public class SubscriptionLoad {

    private static final String QUERY =
            "subscription($t: ID!) { commentAdded(threadId: $t) { id content author { username } createdAt } }";
    private static final String REPLY =
            "mutation($input: CreateReplyInput!) { createReply(input: $input) { comment { id } } }";

    static final AtomicLong received = new AtomicLong();
    static volatile long[] latencies = new long[0];
    static final AtomicLong recorded = new AtomicLong();

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int port = Integer.parseInt(args[1]);
        Path dir = Path.of(args[2]);
        int perThread = Integer.parseInt(args[3]);
        int rate = Integer.parseInt(args[4]);
        int seconds = Integer.parseInt(args[5]);
        int saturation = Integer.parseInt(args[6]);
        int warmup = args.length > 7 ? Integer.parseInt(args[7]) : 0;
        List<String> tokens = Files.readAllLines(dir.resolve("tokens.txt")).stream()
                .map(l -> l.split(" ")[1])
                .toList();
        List<String> threads = Files.readAllLines(dir.resolve("threads.txt"));
        Vertx vertx = Vertx.vertx();
        WebSocketClient ws = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxConnections(100_000)
                .setDefaultHost("127.0.0.1")
                .setDefaultPort(port));
        int subs = threads.size() * perThread;
        latencies = new long[rate * seconds * perThread + 1_000];
        Semaphore connecting = new Semaphore(50);
        AtomicLong acked = new AtomicLong();
        for (int i = 0; i < subs; i++) {
            String thread = threads.get(i % threads.size());
            String token = tokens.get(1 + i / 5); // token 0 writes; five connections per person
            connecting.acquire();
            ws.connect(new WebSocketConnectOptions().setURI("/graphql").addSubProtocol("graphql-transport-ws"))
                    .onFailure(e -> {
                        connecting.release();
                        System.err.println("connect failed: " + e.getMessage());
                    })
                    .onSuccess(socket -> {
                        socket.textMessageHandler(text -> {
                            if (text.contains("\"type\":\"next\"")) {
                                int at = text.indexOf("t=") + 2;
                                long sent = Long.parseLong(text.substring(at, text.indexOf('"', at)));
                                long index = recorded.getAndIncrement();
                                if (index < latencies.length) {
                                    latencies[(int) index] = System.nanoTime() - sent;
                                }
                                received.incrementAndGet();
                            } else if (text.contains("connection_ack")) {
                                socket.writeTextMessage(new JsonObject()
                                        .put("type", "subscribe")
                                        .put("id", "1")
                                        .put(
                                                "payload",
                                                new JsonObject()
                                                        .put("query", QUERY)
                                                        .put("variables", new JsonObject().put("t", thread)))
                                        .encode());
                                acked.incrementAndGet();
                                connecting.release();
                            } else if (text.contains("\"ping\"")) {
                                socket.writeTextMessage("{\"type\":\"pong\"}");
                            } else if (text.contains("\"error\"")) {
                                System.err.println("refused: " + text);
                            }
                        });
                        socket.closeHandler(v -> System.err.println("closed: " + socket.closeStatusCode()));
                        socket.writeTextMessage(new JsonObject()
                                .put("type", "connection_init")
                                .put("payload", new JsonObject().put("Authorization", "Bearer " + token))
                                .encode());
                    });
        }
        while (acked.get() < subs) {
            Thread.sleep(100);
        }
        Thread.sleep(3_000); // subscriptions are checked and registered after their subscribe message
        Files.writeString(dir.resolve("subscribed"), "");
        for (int i = 0; i < 600 && !Files.exists(dir.resolve("go")); i++) {
            Thread.sleep(100);
        }

        HttpClient http = vertx.createHttpClient(new HttpClientOptions()
                .setMaxPoolSize(64)
                .setDefaultHost("127.0.0.1")
                .setDefaultPort(port));
        String writer = tokens.get(0);
        // Warm-up at the fixed rate (JIT, pools, first statements), not recorded.
        fixedRate(http, mode, writer, threads, rate, warmup);
        Thread.sleep(3_000);
        // Fixed rate.
        received.set(0);
        recorded.set(0);
        long start = System.nanoTime();
        int total = rate * seconds;
        AtomicLong failed = new AtomicLong();
        for (int k = 0; k < total; k++) {
            long due = start + TimeUnit.SECONDS.toNanos(k) / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            post(http, mode, writer, threads.get(k % threads.size())).onFailure(e -> failed.incrementAndGet());
        }
        Thread.sleep(3_000);
        long got = received.get();
        long[] sorted = Arrays.copyOf(latencies, (int) Math.min(recorded.get(), latencies.length));
        Arrays.sort(sorted);
        System.out.printf(
                "%s: %d subscriptions, %d comments at %d/s: %d of %d messages received, %d writes failed;"
                        + " send to receive p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                mode,
                subs,
                total,
                rate,
                got,
                (long) total * perThread,
                failed.get(),
                percentile(sorted, 0.50),
                percentile(sorted, 0.99),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);

        // Saturation: as many writes as 64 in flight allow.
        Semaphore inFlight = new Semaphore(64);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(saturation);
        Thread.sleep(1_000);
        received.set(0);
        long saturationStart = System.nanoTime();
        long writes = 0;
        int k = 0;
        while (System.nanoTime() < end) {
            inFlight.acquire();
            writes++;
            post(http, mode, writer, threads.get(k++ % threads.size())).onComplete(r -> inFlight.release());
        }
        long messages = received.get();
        double elapsed = (System.nanoTime() - saturationStart) / 1e9;
        System.out.printf(
                "%s saturation: %d writes in %.1f s, %.0f messages/s received%n",
                mode, writes, elapsed, messages / elapsed);
        System.exit(0);
    }

    private static void fixedRate(
            HttpClient http, String mode, String writer, List<String> threads, int rate, int seconds)
            throws InterruptedException {
        long start = System.nanoTime();
        for (int k = 0; k < rate * seconds; k++) {
            long wait = start + TimeUnit.SECONDS.toNanos(k) / rate - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            post(http, mode, writer, threads.get(k % threads.size()));
        }
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
    }

    private static Future<Void> post(HttpClient http, String mode, String token, String thread) {
        String content = "t=" + System.nanoTime();
        String body;
        String uri;
        if (mode.equals("raw")) {
            uri = "/publish";
            body = new JsonObject()
                    .put("thread", thread)
                    .put("content", content)
                    .encode();
        } else {
            uri = "/graphql";
            body = new JsonObject()
                    .put("query", REPLY)
                    .put(
                            "variables",
                            new JsonObject()
                                    .put(
                                            "input",
                                            new JsonObject()
                                                    .put("inReplyTo", thread)
                                                    .put("content", content)))
                    .encode();
        }
        return http.request(new RequestOptions()
                        .setMethod(HttpMethod.POST)
                        .setURI(uri)
                        .putHeader("content-type", "application/json")
                        .putHeader("authorization", "Bearer " + token))
                .compose(request -> request.send(Buffer.buffer(body)))
                .compose(response -> response.body().map(b -> {
                    if (response.statusCode() != 200 || b.toString().contains("\"errors\"")) {
                        throw new IllegalStateException(b.toString());
                    }
                    return (Void) null;
                }));
    }
}
