import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The remote senders of the federation benchmark: Likes POSTed to Lyceum's shared inbox, signed
 * as CavageSignatures.sign signs (draft-cavage over "(request-target) host date digest",
 * rsa-sha256), each by its own remote actor. All requests are built and signed before the clock
 * starts, so this client's own RSA work does not bound what is measured: how fast Lyceum
 * verifies, stores and answers 202.
 * <pre>
 * java InboxBlast.java keys &lt;count&gt; &lt;keys-file&gt;
 *     makes RSA-2048 key pairs, one a line: base64 PKCS#8 private, tab, base64 X.509 public
 * java InboxBlast.java send &lt;app-base-url&gt; &lt;object-ap-id&gt; &lt;actors-base-url&gt; &lt;likes&gt; &lt;actors&gt; &lt;concurrency&gt; &lt;keys-file&gt;
 *     actor a (1..actors) is &lt;actors-base-url&gt;/users/a with key line (a mod keys); like i is by actor (i mod actors) + 1
 * </pre>
 */
public class InboxBlast {

    public static void main(String[] args) throws Exception {
        if (args[0].equals("keys")) {
            keys(Integer.parseInt(args[1]), Path.of(args[2]));
        } else {
            send(
                    args[1],
                    args[2],
                    args[3],
                    Integer.parseInt(args[4]),
                    Integer.parseInt(args[5]),
                    Integer.parseInt(args[6]),
                    Path.of(args[7]));
        }
    }

    static void keys(int count, Path file) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            KeyPair pair = generator.generateKeyPair();
            out.append(Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()))
                    .append('\t')
                    .append(Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()))
                    .append('\n');
        }
        Files.writeString(file, out);
    }

    static void send(
            String base, String object, String actorsBase, int likes, int actors, int concurrency, Path keyFile)
            throws Exception {
        List<PrivateKey> keys = new ArrayList<>();
        for (String line : Files.readAllLines(keyFile)) {
            byte[] der = Base64.getDecoder().decode(line.split("\t")[0]);
            keys.add(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der)));
        }
        URI inbox = URI.create(base + "/inbox");
        // Lyceum checks the signed host against its own base URL's authority; HttpClient sends exactly that Host.
        String host = inbox.getHost() + ":" + inbox.getPort();
        long s0 = System.nanoTime();
        List<HttpRequest> requests = new ArrayList<>(likes);
        for (int i = 0; i < likes; i++) {
            int a = i % actors + 1;
            String actor = actorsBase + "/users/" + a;
            byte[] body = ("{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"" + actor + "/likes/" + i
                            + "\",\"type\":\"Like\",\"actor\":\"" + actor + "\",\"object\":\"" + object + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            String digest = "SHA-256="
                    + Base64.getEncoder()
                            .encodeToString(MessageDigest.getInstance("SHA-256").digest(body));
            String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
            String signing = "(request-target): post " + inbox.getRawPath() + "\nhost: " + host + "\ndate: " + date
                    + "\ndigest: " + digest;
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(keys.get(a % keys.size()));
            signer.update(signing.getBytes(StandardCharsets.UTF_8));
            String signature = "keyId=\"" + actor
                    + "#main-key\",algorithm=\"rsa-sha256\",headers=\"(request-target) host date digest\","
                    + "signature=\"" + Base64.getEncoder().encodeToString(signer.sign()) + "\"";
            requests.add(HttpRequest.newBuilder(inbox)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .header("Content-Type", "application/activity+json")
                    .header("Date", date)
                    .header("Digest", digest)
                    .header("Signature", signature)
                    .build());
        }
        System.out.println(String.format(
                Locale.ROOT, "signed %d requests in %.1f s (before timing)", likes, (System.nanoTime() - s0) / 1e9));

        // HTTP/1.1: Lyceum serves plain http, where HttpClient's default HTTP/2 would first try an upgrade.
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicInteger next = new AtomicInteger();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        Map<Integer, String> firstBody = new ConcurrentHashMap<>();
        long firstMs = System.currentTimeMillis();
        long t0 = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < concurrency; c++) {
            Thread t = new Thread(() -> {
                for (int i; (i = next.getAndIncrement()) < likes; ) {
                    int status;
                    try {
                        HttpResponse<String> r = client.send(requests.get(i), HttpResponse.BodyHandlers.ofString());
                        status = r.statusCode();
                        firstBody.putIfAbsent(status, r.body());
                    } catch (Exception e) {
                        status = -1;
                        firstBody.putIfAbsent(status, String.valueOf(e));
                    }
                    statuses.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        int accepted = statuses.getOrDefault(202, new AtomicInteger()).get();
        System.out.println(String.format(
                Locale.ROOT,
                "ACCEPTED %d of %d in %.2f s = %.0f POSTs/s, %d in flight; statuses %s; first send at %d ms",
                accepted,
                likes,
                seconds,
                accepted / seconds,
                concurrency,
                new TreeMap<>(statuses),
                firstMs));
        firstBody.forEach((status, body) -> {
            if (status != 202) {
                System.out.println("  first " + status + " answer: " + body);
            }
        });
    }
}
