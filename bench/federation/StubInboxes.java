import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The remote servers of the federation benchmark: HOSTS HTTP servers on 127.0.0.1 (ephemeral
 * ports, one per simulated host, since Lyceum queues and limits deliveries per host:port), each
 * answering 202 to every POST. Counts POSTs per port, per Lyceum activity (the uuid in
 * .../activities/<uuid>/announce...) with the first and last arrival, and duplicates by
 * (activity id, inbox: port and path), so misses and double sends are seen outside Lyceum. Writes the ports (one
 * a line) once listening, and the counts every 200 ms and at exit.
 * Usage: java StubInboxes.java <hosts> <ports-file> <counts-file>
 */
public class StubInboxes {

    static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]*)\"");
    static final Pattern ACTIVITY = Pattern.compile("/activities/([0-9a-f-]{36})");

    /** Arrivals per (activity id, port and path): more than one is a duplicate. Shared inboxes have the same path on every host. */
    static final Map<String, Integer> SEEN = new ConcurrentHashMap<>();
    /** Per Lyceum activity row: count, first and last arrival (epoch ms). */
    static final Map<String, long[]> BY_ACTIVITY = new ConcurrentHashMap<>();

    static final AtomicLong TOTAL = new AtomicLong();
    static final AtomicLong UNSIGNED = new AtomicLong();
    static final AtomicLong BYTES = new AtomicLong();
    static AtomicLongArray perPort;
    static int[] ports;

    public static void main(String[] args) throws Exception {
        int hosts = Integer.parseInt(args[0]);
        Path portsFile = Path.of(args[1]);
        Path counts = Path.of(args[2]);
        perPort = new AtomicLongArray(hosts);
        ports = new int[hosts];
        // One pool for all servers: the handler is tiny, so a few threads serve every port.
        var pool = Executors.newFixedThreadPool(8);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < hosts; i++) {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
            int index = i;
            server.createContext("/", exchange -> handle(exchange, index));
            server.setExecutor(pool);
            server.start();
            ports[i] = server.getAddress().getPort();
            lines.add(String.valueOf(ports[i]));
        }
        write(portsFile, String.join("\n", lines) + "\n");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> write(counts, summary())));
        System.out.println("stub inboxes on " + hosts + " ports, " + ports[0] + "...");
        while (true) {
            Thread.sleep(200);
            write(counts, summary());
        }
    }

    static void handle(HttpExchange exchange, int index) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                // Read to the end, or the connection could not be reused for the next delivery.
                body = in.readAllBytes();
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                // Only POSTs are expected; a GET would be Lyceum fetching something, which this benchmark should never
                // cause.
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            long now = System.currentTimeMillis();
            String text = new String(body, StandardCharsets.UTF_8);
            Matcher id = ID.matcher(text); // the first "id" is the activity's own: Lyceum writes @context, then id
            String activityId = id.find() ? id.group(1) : "?";
            SEEN.merge(
                    activityId + " " + ports[index] + exchange.getRequestURI().getRawPath(), 1, Integer::sum);
            Matcher row = ACTIVITY.matcher(activityId);
            BY_ACTIVITY.compute(row.find() ? row.group(1) : "other", (k, v) -> {
                if (v == null) {
                    return new long[] {1, now, now};
                }
                synchronized (v) { // summary() reads count and last together
                    v[0]++;
                    v[2] = now;
                }
                return v;
            });
            if (exchange.getRequestHeaders().getFirst("Signature") == null) {
                UNSIGNED.incrementAndGet();
            }
            BYTES.addAndGet(body.length);
            perPort.incrementAndGet(index);
            TOTAL.incrementAndGet();
            exchange.sendResponseHeaders(202, -1);
        }
    }

    static String summary() {
        long duplicates =
                SEEN.values().stream().mapToLong(n -> Math.max(0, n - 1)).sum();
        StringBuilder out = new StringBuilder();
        out.append("total ").append(TOTAL.get()).append('\n');
        out.append("distinct ").append(SEEN.size()).append('\n');
        out.append("duplicates ").append(duplicates).append('\n');
        out.append("unsigned ").append(UNSIGNED.get()).append('\n');
        out.append("average_bytes ")
                .append(TOTAL.get() == 0 ? 0 : BYTES.get() / TOTAL.get())
                .append('\n');
        BY_ACTIVITY.forEach((k, v) -> {
            synchronized (v) {
                out.append("activity ")
                        .append(k)
                        .append(' ')
                        .append(v[0])
                        .append(' ')
                        .append(v[1])
                        .append(' ')
                        .append(v[2])
                        .append('\n');
            }
        });
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < ports.length; i++) {
            min = Math.min(min, perPort.get(i));
            max = Math.max(max, perPort.get(i));
            out.append("port ")
                    .append(ports[i])
                    .append(' ')
                    .append(perPort.get(i))
                    .append('\n');
        }
        out.append("per_port_min_max ").append(min).append(' ').append(max).append('\n');
        return out.toString();
    }

    /** Written aside and moved in place, so a reader never sees half a file. */
    static void write(Path file, String text) {
        try {
            Path tmp = file.resolveSibling(
                    file.getFileName() + "." + Thread.currentThread().getId() + ".tmp");
            Files.writeString(tmp, text);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            e.printStackTrace();
        }
    }
}
