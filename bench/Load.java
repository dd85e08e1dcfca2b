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
 * target: graphql=<url> (POSTs homeFeed with a random user's bearer token) or raw=<url> (GET ?subject=);
 * for bench/search.sh, search-graphql=<url> (POSTs search anonymously) or search-raw=<url> (GET with
 * the same search as parameters), the search drawn from {@link SearchMix} in the sort $BENCH_SORT.
 * Reads tokens from $BENCH_DIR/tokens.txt (homeFeed only). Prints one line: mode, req/s, p50 ms, p99 ms, errors.
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
        boolean search = target[0].startsWith("search-");
        List<String[]> users = search
                ? List.of()
                : Files.readAllLines(Path.of(System.getenv("BENCH_DIR"), "tokens.txt")).stream()
                        .map(l -> l.split(" ", 2))
                        .toList();
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Run run = new Run(client, target[0], target[1], users);
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
        final String kind;
        final boolean graphql;
        final String url;
        final SearchMix mix = new SearchMix(System.getenv().getOrDefault("BENCH_SORT", "RELEVANCE"));
        final List<String[]> users;
        final AtomicLong errors = new AtomicLong();
        private long[] latencies = new long[1 << 16];
        private int count;

        Run(HttpClient client, String kind, String url, List<String[]> users) {
            this.client = client;
            this.kind = kind;
            this.graphql = kind.endsWith("graphql");
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
            HttpRequest request = kind.startsWith("search-") ? mix.request(graphql, url) : homeFeed();
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

        HttpRequest homeFeed() {
            String[] user = users.get(ThreadLocalRandom.current().nextInt(users.size()));
            return graphql
                    ? HttpRequest.newBuilder(URI.create(url))
                            .header("content-type", "application/json")
                            .header("authorization", "Bearer " + user[1])
                            .POST(HttpRequest.BodyPublishers.ofString(QUERY))
                            .build()
                    : HttpRequest.newBuilder(URI.create(url + "?subject=" + user[0]))
                            .GET()
                            .build();
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

/**
 * bench/search.sh's fixed query mix: 50 % one to three words of the seeded texts, 30 % filters only,
 * 20 % words and filters; every request asks for totalCount and facets.
 */
final class SearchMix {

    static final String[] WORDS = {
        "fractions",
        "physics",
        "quantum",
        "quantique",
        "fracciones",
        "photosynthesis",
        "revolution",
        "algebra",
        "cell",
        "biology",
        "waves",
        "pizzas",
        "matrices",
        "mecanique",
        "plants",
        "lab",
        "quiz",
        "worksheet",
        "primer",
        "lineal",
        "teach",
        "demos",
        "ideas",
        "sortie"
    };
    static final String[] LANGUAGES = {"en", "es", "fr"};
    static final String[] SUBJECTS = {"05", "051", "053", "054", "022"};
    static final String QUERY = "query($q: String, $f: SearchFilter, $s: SearchSort) { search(query: $q, filter: $f,"
            + " sort: $s, first: 20) { totalCount edges { cursor highlight { text matches { start length } }"
            + " node { id __typename ... on Resource { title url licence level } ... on Collection { title }"
            + " ... on Thread { title } ... on Community { name title } ... on Person { username } } }"
            + " facets { kinds { code count } subjects { code label count } levels { code count }"
            + " languages { code label count } licences { code count } resourceTypes { code count } } } }";

    final String sort;

    SearchMix(String sort) {
        this.sort = sort;
    }

    HttpRequest request(boolean graphql, String url) {
        java.util.Random r = ThreadLocalRandom.current();
        int kind = r.nextInt(10);
        String q = null;
        if (kind < 5 || kind >= 8) {
            StringBuilder words = new StringBuilder();
            for (int i = 0, n = 1 + r.nextInt(3); i < n; i++) {
                words.append(i == 0 ? "" : " ").append(WORDS[r.nextInt(WORDS.length)]);
            }
            q = words.toString();
        }
        String language = null;
        String subject = null;
        Integer level = null;
        if (kind >= 5) {
            switch (r.nextInt(3)) {
                case 0 -> language = LANGUAGES[r.nextInt(LANGUAGES.length)];
                case 1 -> subject = SUBJECTS[r.nextInt(SUBJECTS.length)];
                default -> {
                    language = LANGUAGES[r.nextInt(LANGUAGES.length)];
                    level = r.nextInt(9);
                }
            }
        }
        if (graphql) {
            StringBuilder filter = new StringBuilder("{");
            if (language != null)
                filter.append("\"languages\": [\"").append(language).append("\"],");
            if (subject != null)
                filter.append("\"subjects\": [\"").append(subject).append("\"],");
            if (level != null) filter.append("\"levels\": [").append(level).append("],");
            if (filter.length() > 1) filter.setLength(filter.length() - 1);
            filter.append("}");
            String body = "{\"query\": \"" + QUERY.replace("\"", "\\\"") + "\", \"variables\": {\"q\": "
                    + (q == null ? "null" : "\"" + q + "\"") + ", \"f\": " + filter + ", \"s\": \"" + sort + "\"}}";
            return HttpRequest.newBuilder(URI.create(url))
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
        }
        StringBuilder query = new StringBuilder("?sort=").append(sort);
        if (q != null) query.append("&q=").append(q.replace(" ", "+"));
        if (language != null) query.append("&language=").append(language);
        if (subject != null) query.append("&subject=").append(subject);
        if (level != null) query.append("&level=").append(level);
        return HttpRequest.newBuilder(URI.create(url + query)).GET().build();
    }
}
