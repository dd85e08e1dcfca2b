import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A small load generator for bench/homefeed.sh, JDK only.
 *   max  <target> <seconds> <concurrency>  closed loop: that many requests in flight, as fast as they finish
 *   rate <target> <seconds> <per second>   open loop: requests start on a fixed schedule, and latency is
 *                                          measured from the scheduled start, so a stall is not hidden
 * target: graphql=<url> (POSTs homeFeed with a random user's bearer token) or raw=<url> (GET ?subject=).
 * Reads tokens from $BENCH_DIR/tokens.txt. Prints one line: mode, req/s, p50 ms, p99 ms, errors.
 */
public class Load {

    static final String QUERY = "{\"query\":\"{ homeFeed(first: 20) { edges { cursor node { id verb published "
            + "actor { username } object { ... on Resource { id title url likeCount myLike collection { id title } "
            + "community { name title } author { username displayName } } ... on Thread { id title commentCount } "
            + "... on Comment { id content } } } } } }\"}";

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String[] target = args[1].split("=", 2);
        int seconds = Integer.parseInt(args[2]);
        int amount = Integer.parseInt(args[3]);
        List<String[]> users = Files.readAllLines(Path.of(System.getenv("BENCH_DIR"), "tokens.txt")).stream()
                .map(l -> l.split(" ", 2))
                .toList();
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Run run = new Run(client, target[0].equals("graphql"), target[1], users);
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        long started = System.nanoTime();
        if (mode.equals("max")) {
            List<CompletableFuture<Void>> loops = new ArrayList<>();
            for (int i = 0; i < amount; i++) {
                loops.add(run.loop(end));
            }
            CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).join();
        } else {
            long interval = 1_000_000_000L / amount;
            List<CompletableFuture<?>> all = new ArrayList<>();
            for (long next = started; next < end; next += interval) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                all.add(run.once(next));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        long[] latencies = run.latencies();
        Arrays.sort(latencies);
        System.out.printf(
                "%s %s: %.0f req/s, p50 %.1f ms, p99 %.1f ms, %d requests, %d errors%n",
                mode,
                target[0],
                latencies.length / elapsed,
                pct(latencies, 0.50),
                pct(latencies, 0.99),
                latencies.length,
                run.errors.get());
    }

    static double pct(long[] sorted, double p) {
        return sorted.length == 0
                ? Double.NaN
                : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
    }

    static final class Run {
        final HttpClient client;
        final boolean graphql;
        final String url;
        final List<String[]> users;
        final AtomicLong errors = new AtomicLong();
        private long[] latencies = new long[1 << 16];
        private int count;

        Run(HttpClient client, boolean graphql, String url, List<String[]> users) {
            this.client = client;
            this.graphql = graphql;
            this.url = url;
            this.users = users;
        }

        CompletableFuture<Void> loop(long end) {
            if (System.nanoTime() >= end) {
                return CompletableFuture.completedFuture(null);
            }
            return once(System.nanoTime()).thenCompose(ignored -> loop(end));
        }

        CompletableFuture<Void> once(long scheduled) {
            String[] user = users.get(ThreadLocalRandom.current().nextInt(users.size()));
            HttpRequest request = graphql
                    ? HttpRequest.newBuilder(URI.create(url))
                            .header("content-type", "application/json")
                            .header("authorization", "Bearer " + user[1])
                            .POST(HttpRequest.BodyPublishers.ofString(QUERY))
                            .build()
                    : HttpRequest.newBuilder(URI.create(url + "?subject=" + user[0]))
                            .GET()
                            .build();
            return client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .handle((response, failure) -> {
                        boolean ok = failure == null
                                && response.statusCode() == 200
                                && !(graphql && response.body().contains("\"errors\""));
                        if (!ok) {
                            errors.incrementAndGet();
                        }
                        record(System.nanoTime() - scheduled);
                        return null;
                    });
        }

        synchronized void record(long nanos) {
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = nanos;
        }

        synchronized long[] latencies() {
            return Arrays.copyOf(latencies, count);
        }
    }
}
