import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The baseline of the federation benchmark: how many draft-cavage signatures this JVM makes per
 * second, each done the way CavageSignatures.sign does it for a delivery (SHA-256 Digest of the
 * body, the signing string over "(request-target) host date digest", a fresh SHA256withRSA
 * Signature with an RSA-2048 key, Base64), on 1 thread and on as many threads as cores. Nothing
 * else: no JSON, no database, no HTTP. Every delivery attempt needs one such signature, so this
 * is the most deliveries per second the CPU allows. Three rounds of (1 thread, all threads), the
 * best of each reported with the range: on a shared 2-vCPU machine single measurements vary by 20 %.
 * Usage: java SignRate.java [seconds per measurement, default 3] [body bytes, default 1500]
 */
public class SignRate {

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int bytes = args.length > 1 ? Integer.parseInt(args[1]) : 1500;
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        PrivateKey key = generator.generateKeyPair().getPrivate();
        byte[] body = ("{\"type\":\"Announce\",\"content\":\"" + "x".repeat(Math.max(0, bytes - 32)) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        int cores = Runtime.getRuntime().availableProcessors();
        // Warm-up on every thread count first, so the JIT has compiled BigInteger's arithmetic before anything is
        // measured.
        rate(1, key, body, 2);
        rate(cores, key, body, 2);
        double[] one = new double[3];
        double[] all = new double[3];
        for (int r = 0; r < 3; r++) {
            one[r] = rate(1, key, body, seconds);
            all[r] = rate(cores, key, body, seconds);
        }
        java.util.Arrays.sort(one);
        java.util.Arrays.sort(all);
        System.out.println(String.format(Locale.ROOT, "BASELINE signatures/s 1 thread: %.0f", one[2]));
        System.out.println(String.format(Locale.ROOT, "BASELINE signatures/s %d threads: %.0f", cores, all[2]));
        System.out.println(String.format(
                Locale.ROOT,
                "BASELINE (best of 3 rounds of %d s; ranges %.0f-%.0f and %.0f-%.0f; RSA-2048 SHA256withRSA,"
                        + " body %d bytes, %s %s)",
                seconds,
                one[0],
                one[2],
                all[0],
                all[2],
                body.length,
                System.getProperty("java.vm.name"),
                System.getProperty("java.version")));
    }

    /** Signatures per second over {@code seconds}, {@code threads} signing side by side. */
    static double rate(int threads, PrivateKey key, byte[] body, int seconds) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        LongAdder done = new LongAdder();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread w = new Thread(() -> {
                int i = 0;
                while (!stop.get()) {
                    sign(URI.create("http://127.0.0.1:40" + (100 + id) + "/users/" + (i++) + "/inbox"), body, key);
                    done.increment();
                }
            });
            workers.add(w);
        }
        long t0 = System.nanoTime();
        workers.forEach(Thread::start);
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Thread w : workers) {
            w.join();
        }
        return done.sum() / ((System.nanoTime() - t0) / 1e9);
    }

    /** The Signature header's value for a POST of {@code body} to {@code target}, as CavageSignatures.sign builds it. */
    static String sign(URI target, byte[] body, PrivateKey key) {
        try {
            String digest = "SHA-256="
                    + Base64.getEncoder()
                            .encodeToString(MessageDigest.getInstance("SHA-256").digest(body));
            String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
            String signing = "(request-target): post " + target.getRawPath() + "\nhost: " + target.getHost() + ":"
                    + target.getPort() + "\ndate: " + date + "\ndigest: " + digest;
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(key);
            signer.update(signing.getBytes(StandardCharsets.UTF_8));
            return "keyId=\"http://127.0.0.1:8080/communities/bench#main-key\",algorithm=\"rsa-sha256\",headers=\"(request-target) host date digest\",signature=\""
                    + Base64.getEncoder().encodeToString(signer.sign()) + "\"";
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
