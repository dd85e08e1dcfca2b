import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The load client of bench/media.sh, JDK only: a fixed number of transfers, a fixed number in
 * flight (closed loop), bodies streamed from and to nowhere but the file on disk.
 *   upload   <label> <url> <token|-> <file> <count> <concurrency> <urls out> [pid]
 *            multipart/form-data POSTs (field "file", Content-Length set), the file streamed from disk;
 *            201 with the file's SHA-256 in the JSON is a success; the answer's "url" (path and query)
 *            goes to <urls out>; with a pid, that process's VmRSS is sampled every 50 ms
 *   download <label> <base url> <urls in> <concurrency>
 *            GETs <base url><line> for each line, the body counted and dropped
 *   s3put    <label> <endpoint> <bucket> <file> <count> <concurrency> <keys out>
 *   s3get    <label> <endpoint> <bucket> <keys in> <concurrency>
 *            direct PUTs and GETs, path style, AWS Signature V4 with an unsigned payload (as
 *            Lyceum's S3Storage signs), keys from $BENCH_S3_ACCESS_KEY and $BENCH_S3_SECRET_KEY
 * Prints one line: label, transfers, MiB each, MiB/s over the round's wall time, p50 and p99 of one
 * transfer, errors (and the RSS before, at peak, and the growth).
 */
public class MediaLoad {

    static final Pattern URL = Pattern.compile("\"url\":\"([^\"]+)\"");
    static final String BOUNDARY = "----lyceum-bench-boundary-7MA4YWxkTrZu0gW";

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String label = args[1];
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        switch (mode) {
            case "upload" -> upload(http, label, args);
            case "download" ->
                download(http, label, args[2], Files.readAllLines(Path.of(args[3])), Integer.parseInt(args[4]));
            case "s3put" -> s3put(http, label, args);
            case "s3get" -> s3get(http, label, args);
            default -> throw new IllegalArgumentException(mode);
        }
    }

    static void upload(HttpClient http, String label, String[] args) throws Exception {
        URI url = URI.create(args[2]);
        String token = args[3];
        Path file = Path.of(args[4]);
        int count = Integer.parseInt(args[5]);
        int concurrency = Integer.parseInt(args[6]);
        Path out = Path.of(args[7]);
        Rss rss = args.length > 8 ? new Rss(Long.parseLong(args[8])) : null;
        String sha256 = sha256(file);
        byte[] head = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                        + file.getFileName() + "\"\r\nContent-Type: application/zip\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8);
        List<String> urls = Collections.synchronizedList(new ArrayList<>());
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.ofFile(file); // opens the file per request
        Round round = new Round(count, concurrency, Files.size(file));
        if (rss != null) {
            rss.start();
        }
        round.run(i -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(url)
                    .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                    .POST(HttpRequest.BodyPublishers.concat(
                            HttpRequest.BodyPublishers.ofByteArray(head),
                            body,
                            HttpRequest.BodyPublishers.ofByteArray(tail)));
            if (!token.equals("-")) {
                request.header("Authorization", "Bearer " + token);
            }
            return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                    .thenApply(response -> {
                        Matcher m = URL.matcher(response.body());
                        if (response.statusCode() != 201 || !response.body().contains(sha256) || !m.find()) {
                            round.error(response.statusCode() + " " + response.body());
                            return false;
                        }
                        URI returned = URI.create(m.group(1));
                        urls.add(returned.getRawPath()
                                + (returned.getRawQuery() == null ? "" : "?" + returned.getRawQuery()));
                        return true;
                    });
        });
        if (rss != null) {
            rss.stopSampling();
        }
        Files.write(out, urls);
        System.out.println(round.summary(label) + (rss == null ? "" : ", " + rss.summary()));
    }

    static void download(HttpClient http, String label, String base, List<String> paths, int concurrency)
            throws Exception {
        Round round = new Round(paths.size(), concurrency, -1);
        round.run(i -> http.sendAsync(
                        HttpRequest.newBuilder(URI.create(base + paths.get(i)))
                                .GET()
                                .build(),
                        counting())
                .thenApply(response -> {
                    String length =
                            response.headers().firstValue("Content-Length").orElse("-1");
                    if (response.statusCode() != 200 || response.body() != Long.parseLong(length)) {
                        round.error(response.statusCode() + " " + response.body() + " bytes of " + length);
                        return false;
                    }
                    round.bytes.addAndGet(response.body());
                    return true;
                }));
        System.out.println(round.summary(label));
    }

    static void s3put(HttpClient http, String label, String[] args) throws Exception {
        String endpoint = args[2];
        String bucket = args[3];
        Path file = Path.of(args[4]);
        int count = Integer.parseInt(args[5]);
        int concurrency = Integer.parseInt(args[6]);
        Path out = Path.of(args[7]);
        List<String> keys = Collections.synchronizedList(new ArrayList<>());
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.ofFile(file);
        Round round = new Round(count, concurrency, Files.size(file));
        round.run(i -> {
            String key = "direct/" + UUID.randomUUID();
            URI uri = URI.create(endpoint + "/" + bucket + "/" + key);
            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                    .header("Content-Type", "application/zip")
                    .PUT(body);
            sign("PUT", uri, Map.of("Content-Type", "application/zip")).forEach(request::header);
            return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                    .thenApply(response -> {
                        if (response.statusCode() != 200) {
                            round.error(response.statusCode() + " " + response.body());
                            return false;
                        }
                        keys.add(key);
                        return true;
                    });
        });
        Files.write(out, keys);
        System.out.println(round.summary(label));
    }

    static void s3get(HttpClient http, String label, String[] args) throws Exception {
        String endpoint = args[2];
        String bucket = args[3];
        List<String> keys = Files.readAllLines(Path.of(args[4]));
        int concurrency = Integer.parseInt(args[5]);
        Round round = new Round(keys.size(), concurrency, -1);
        round.run(i -> {
            URI uri = URI.create(endpoint + "/" + bucket + "/" + keys.get(i));
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
            sign("GET", uri, Map.of()).forEach(request::header);
            return http.sendAsync(request.build(), counting()).thenApply(response -> {
                String length = response.headers().firstValue("Content-Length").orElse("-1");
                if (response.statusCode() != 200 || response.body() != Long.parseLong(length)) {
                    round.error(response.statusCode() + " " + response.body() + " bytes of " + length);
                    return false;
                }
                round.bytes.addAndGet(response.body());
                return true;
            });
        });
        System.out.println(round.summary(label));
    }

    /** count transfers, concurrency of them in flight; each a function of its index. */
    static final class Round {
        final int count;
        final int concurrency;
        final long size;
        final AtomicInteger next = new AtomicInteger();
        final AtomicLong bytes = new AtomicLong();
        final AtomicInteger errors = new AtomicInteger();
        final long[] latencies;
        final AtomicInteger done = new AtomicInteger();
        double seconds;

        Round(int count, int concurrency, long size) {
            this.count = count;
            this.concurrency = concurrency;
            this.size = size;
            this.latencies = new long[count];
        }

        interface Transfer {
            CompletionStage<Boolean> start(int index);
        }

        void run(Transfer transfer) {
            long started = System.nanoTime();
            List<CompletableFuture<Void>> loops = new ArrayList<>();
            for (int i = 0; i < concurrency; i++) {
                loops.add(loop(transfer));
            }
            CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).join();
            seconds = (System.nanoTime() - started) / 1e9;
        }

        CompletableFuture<Void> loop(Transfer transfer) {
            int i = next.getAndIncrement();
            if (i >= count) {
                return CompletableFuture.completedFuture(null);
            }
            long t0 = System.nanoTime();
            return transfer.start(i)
                    .exceptionally(e -> {
                        error(e.toString());
                        return false;
                    })
                    .toCompletableFuture()
                    .thenCompose(ok -> {
                        if (ok && size > 0) {
                            bytes.addAndGet(size);
                        }
                        latencies[done.getAndIncrement()] = System.nanoTime() - t0;
                        return loop(transfer);
                    });
        }

        void error(String what) {
            if (errors.incrementAndGet() <= 3) {
                System.err.println("error: " + (what.length() > 300 ? what.substring(0, 300) : what));
            }
        }

        String summary(String label) {
            long[] sorted = Arrays.copyOf(latencies, done.get());
            Arrays.sort(sorted);
            int ok = count - errors.get();
            double each = ok == 0 ? 0 : bytes.get() / (double) ok / (1 << 20);
            return String.format(
                    Locale.ROOT,
                    "%s: %d x %.1f MiB, %.1f MiB/s, p50 %.0f ms, p99 %.0f ms, %d errors, %.1f s",
                    label,
                    count,
                    each,
                    bytes.get() / (double) (1 << 20) / seconds,
                    pct(sorted, 0.50),
                    pct(sorted, 0.99),
                    errors.get(),
                    seconds);
        }
    }

    static double pct(long[] sorted, double p) {
        return sorted.length == 0
                ? Double.NaN
                : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
    }

    /** A body handler that counts the bytes and keeps none. */
    static HttpResponse.BodyHandler<Long> counting() {
        return info -> HttpResponse.BodySubscribers.fromSubscriber(new Counter(), Counter::count);
    }

    static final class Counter implements Flow.Subscriber<List<ByteBuffer>> {
        long n;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer b : buffers) {
                n += b.remaining();
            }
        }

        @Override
        public void onError(Throwable e) {}

        @Override
        public void onComplete() {}

        long count() {
            return n;
        }
    }

    /** VmRSS of a process, sampled every 50 ms: the value at start and the peak. */
    static final class Rss extends Thread {
        final Path status;
        volatile boolean running = true;
        long before = -1;
        long peak = -1;

        Rss(long pid) {
            this.status = Path.of("/proc/" + pid + "/status");
            setDaemon(true);
            before = read();
            peak = before;
        }

        @Override
        public void run() {
            while (running) {
                long now = read();
                synchronized (this) {
                    peak = Math.max(peak, now);
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stopSampling() throws InterruptedException {
            running = false;
            join();
            long now = read();
            synchronized (this) {
                peak = Math.max(peak, now);
            }
        }

        long read() {
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                    }
                }
            } catch (Exception e) {
                return -1;
            }
            return -1;
        }

        synchronized String summary() {
            return "RSS before " + before + " MiB, peak " + peak + " MiB, growth " + (peak - before) + " MiB";
        }
    }

    static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    // AWS Signature V4, header form, unsigned payload: as Lyceum's SigV4 (package-private there).
    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT);

    static Map<String, String> sign(String method, URI uri, Map<String, String> headers) {
        String accessKey = System.getenv("BENCH_S3_ACCESS_KEY");
        String secretKey = System.getenv("BENCH_S3_SECRET_KEY");
        String region = "us-east-1";
        String payload = "UNSIGNED-PAYLOAD";
        String stamp = STAMP.format(ZonedDateTime.now(ZoneOffset.UTC));
        String day = stamp.substring(0, 8);
        TreeMap<String, String> signed = new TreeMap<>();
        headers.forEach((k, v) -> signed.put(k.toLowerCase(Locale.ROOT), v.strip()));
        signed.put("host", uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort());
        signed.put("x-amz-date", stamp);
        signed.put("x-amz-content-sha256", payload);
        StringBuilder canonicalHeaders = new StringBuilder();
        signed.forEach(
                (k, v) -> canonicalHeaders.append(k).append(':').append(v).append('\n'));
        String signedHeaders = String.join(";", signed.keySet());
        String canonical =
                method + "\n" + uri.getRawPath() + "\n\n" + canonicalHeaders + "\n" + signedHeaders + "\n" + payload;
        String scope = day + "/" + region + "/s3/aws4_request";
        try {
            String toSign = "AWS4-HMAC-SHA256\n" + stamp + "\n" + scope + "\n"
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256")
                                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
            byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), day);
            key = hmac(key, region);
            key = hmac(key, "s3");
            key = hmac(key, "aws4_request");
            return Map.of(
                    "x-amz-date", stamp,
                    "x-amz-content-sha256", payload,
                    "Authorization",
                            "AWS4-HMAC-SHA256 Credential=" + accessKey + "/" + scope + ", SignedHeaders="
                                    + signedHeaders + ", Signature="
                                    + HexFormat.of().formatHex(hmac(key, toSign)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }
}
