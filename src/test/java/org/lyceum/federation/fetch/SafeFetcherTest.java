package org.lyceum.federation.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpServer;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Remote fetches against a real local HTTP server: what the guard lets through and what it refuses. */
class SafeFetcherTest {

    private static Vertx vertx;
    private static HttpServer server;
    private static int port;

    @BeforeAll
    static void serve() {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer()
                .requestHandler(request -> {
                    switch (request.path()) {
                        case "/ok" ->
                            request.response()
                                    .putHeader("Content-Type", "application/activity+json")
                                    .endAndForget("{\"ok\":true}");
                        case "/redirect-ok" ->
                            request.response()
                                    .setStatusCode(302)
                                    .putHeader("Location", "/ok")
                                    .endAndForget();
                        case "/redirect-metadata" ->
                            request.response()
                                    .setStatusCode(302)
                                    .putHeader("Location", "http://169.254.169.254/latest/meta-data/")
                                    .endAndForget();
                        case "/loop" ->
                            request.response()
                                    .setStatusCode(302)
                                    .putHeader("Location", "/loop")
                                    .endAndForget();
                        case "/big" -> {
                            request.response().setChunked(true);
                            Buffer chunk = Buffer.buffer(new byte[64 * 1024]);
                            for (int i = 0; i < 32; i++) {
                                request.response().writeAndForget(chunk);
                            }
                            request.response().endAndForget();
                        }
                        case "/slow" -> {
                            /* never answers */
                        }
                        default -> request.response().setStatusCode(404).endAndForget();
                    }
                })
                .listenAndAwait(0, "127.0.0.1");
        port = server.actualPort();
    }

    @AfterAll
    static void stop() {
        if (tls != null) {
            tls.closeAndAwait();
        }
        server.closeAndAwait();
        vertx.closeAndAwait();
    }

    private static SafeFetcher fetcher(List<String> allowlist, Duration timeout) {
        return new SafeFetcher(vertx, new AddressGuard(allowlist), timeout, 1024 * 1024, 5);
    }

    private static URI local(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String refusal(SafeFetcher fetcher, URI uri) {
        FetchRefusedException e = assertThrows(
                FetchRefusedException.class,
                () -> fetcher.get(uri, Map.of()).await().atMost(Duration.ofSeconds(20)));
        return e.getMessage();
    }

    /** A server on 127.0.0.1 with a self-signed certificate for "localhost" only, and that certificate as a CA. */
    private static HttpServer tls;

    private static java.nio.file.Path ca;

    private static HttpServer tls() throws Exception {
        if (tls != null) {
            return tls;
        }
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("lyceum-tls");
        String keytool = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString();
        keytool(
                keytool,
                "-genkeypair",
                "-alias",
                "peer",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=dns:localhost",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                dir.resolve("peer.p12").toString(),
                "-storepass",
                "secret",
                "-keypass",
                "secret");
        keytool(
                keytool,
                "-exportcert",
                "-rfc",
                "-alias",
                "peer",
                "-keystore",
                dir.resolve("peer.p12").toString(),
                "-storepass",
                "secret",
                "-file",
                dir.resolve("ca.pem").toString());
        ca = dir.resolve("ca.pem");
        tls = vertx.createHttpServer(new io.vertx.core.http.HttpServerOptions()
                        .setSsl(true)
                        .setSni(true)
                        .setKeyCertOptions(new io.vertx.core.net.PfxOptions()
                                .setPath(dir.resolve("peer.p12").toString())
                                .setPassword("secret")))
                .requestHandler(request -> request.response()
                        .putHeader("Content-Type", "application/activity+json")
                        .endAndForget("{\"sni\":\"" + request.connection().indicatedServerName() + "\"}"))
                .listenAndAwait(0, "127.0.0.1");
        return tls;
    }

    /** A fetcher that may reach loopback and trusts the test CA (or, with {@code trustCa} false, the JVM's CAs). */
    private static SafeFetcher tlsFetcher(boolean trustCa) throws Exception {
        tls();
        return new SafeFetcher(
                vertx,
                new AddressGuard(List.of("localhost", "127.0.0.1", "::1")),
                Duration.ofSeconds(10),
                1024 * 1024,
                5,
                trustCa ? new io.vertx.core.net.PemTrustOptions().addCertPath(ca.toString()) : null);
    }

    /**
     * The fetch fails in the TLS handshake, and for the reason given (a cause in the chain of that
     * type, whose message contains {@code reason}): a refusal for any other cause (the address
     * guard, a timeout, no common protocol) fails the test.
     */
    private static void refusedByTheHandshake(
            SafeFetcher fetcher, URI uri, Class<? extends Exception> causeType, String reason) {
        Throwable e = assertThrows(
                Throwable.class, () -> fetcher.get(uri, Map.of()).await().atMost(Duration.ofSeconds(20)));
        boolean handshake = false;
        boolean because = false;
        StringBuilder chain = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            chain.append("\n  ").append(t);
            handshake |= t instanceof javax.net.ssl.SSLHandshakeException;
            because |= causeType.isInstance(t) && String.valueOf(t.getMessage()).contains(reason);
        }
        assertTrue(
                handshake && because,
                "expected a TLS handshake failure because of " + causeType.getSimpleName() + " \"" + reason + "\", got:"
                        + chain);
    }

    @Test
    void httpsGoesToTheCheckedAddressButNamesTheHost() throws Exception {
        // The fetcher connects to the address it checked, so TLS must still send the URL's host (SNI)
        // and verify the certificate against that host, not against the address.
        SafeFetcher.Fetched ok = tlsFetcher(true)
                .get(URI.create("https://localhost:" + tls().actualPort() + "/"), Map.of())
                .await()
                .atMost(Duration.ofSeconds(20));
        assertEquals(200, ok.status());
        assertEquals(
                "{\"sni\":\"localhost\"}", new String(ok.body(), StandardCharsets.UTF_8), "the host was named in SNI");
    }

    @Test
    void aCertificateForAnotherNameIsRefused() throws Exception {
        refusedByTheHandshake(
                tlsFetcher(true),
                URI.create("https://127.0.0.1:" + tls().actualPort() + "/"),
                java.security.cert.CertificateException.class,
                "127.0.0.1");
    }

    @Test
    void aCertificateNoTrustedAuthoritySignedIsRefused() throws Exception {
        refusedByTheHandshake(
                tlsFetcher(false),
                URI.create("https://localhost:" + tls().actualPort() + "/"),
                java.security.cert.CertPathBuilderException.class,
                "unable to find valid certification path");
    }

    private static void keytool(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
    }

    @Test
    void privateAddressesAreRefusedUnlessAllowlisted() {
        assertTrue(
                refusal(fetcher(List.of(), Duration.ofSeconds(5)), local("/ok")).contains("loopback"));
        assertTrue(refusal(fetcher(List.of(), Duration.ofSeconds(5)), URI.create("http://localhost:" + port + "/ok"))
                .contains("loopback"));
        SafeFetcher.Fetched ok = fetcher(List.of("127.0.0.1"), Duration.ofSeconds(5))
                .get(local("/ok"), Map.of("Accept", "application/activity+json"))
                .await()
                .atMost(Duration.ofSeconds(10));
        assertEquals(200, ok.status());
        assertEquals("{\"ok\":true}", new String(ok.body(), StandardCharsets.UTF_8));
    }

    @Test
    void redirectsAreFollowedAndCheckedAgain() {
        SafeFetcher allowed = fetcher(List.of("127.0.0.0/8"), Duration.ofSeconds(5));
        SafeFetcher.Fetched ok =
                allowed.get(local("/redirect-ok"), Map.of()).await().atMost(Duration.ofSeconds(10));
        assertEquals(local("/ok"), ok.uri());
        assertTrue(refusal(allowed, local("/redirect-metadata")).contains("link-local"));
        assertTrue(refusal(allowed, local("/loop")).contains("redirects"));
    }

    @Test
    void bodiesAndTimeAreBounded() {
        assertTrue(refusal(fetcher(List.of("127.0.0.1"), Duration.ofSeconds(5)), local("/big"))
                .contains("larger than"));
        long t0 = System.nanoTime();
        refusal(fetcher(List.of("127.0.0.1"), Duration.ofSeconds(1)), local("/slow"));
        assertTrue(Duration.ofNanos(System.nanoTime() - t0).compareTo(Duration.ofSeconds(5)) < 0, "gave up in time");
        assertTrue(refusal(fetcher(List.of(), Duration.ofSeconds(1)), URI.create("file:///etc/passwd"))
                .contains("not an http"));
    }

    @Test
    void aHeadFetchReadsTheStartOfALargeBodyInsteadOfFailing() {
        SafeFetcher fetcher = fetcher(List.of("127.0.0.1"), Duration.ofSeconds(5));
        SafeFetcher.Fetched head =
                fetcher.getHead(local("/big"), Map.of(), 100 * 1024).await().atMost(Duration.ofSeconds(10));
        assertEquals(200, head.status());
        assertEquals(100 * 1024, head.body().length, "the first 100 KiB of a 2 MiB body");
        SafeFetcher.Fetched small = fetcher.getHead(local("/redirect-ok"), Map.of(), 100 * 1024)
                .await()
                .atMost(Duration.ofSeconds(10));
        assertEquals("{\"ok\":true}", new String(small.body(), StandardCharsets.UTF_8), "a shorter body whole");
        FetchRefusedException redirected = assertThrows(
                FetchRefusedException.class, () -> fetcher.getHead(local("/redirect-metadata"), Map.of(), 1024)
                        .await()
                        .atMost(Duration.ofSeconds(10)));
        assertTrue(String.valueOf(redirected.getMessage()).contains("link-local"), "redirects are checked as in get");
    }

    @Test
    void theGuardKnowsItsRanges() throws Exception {
        AddressGuard guard = new AddressGuard(List.of("10.0.0.0/8", "intranet.example"));
        for (String refused : List.of(
                "127.0.0.1",
                "192.168.1.1",
                "172.16.0.1",
                "169.254.169.254",
                "100.64.0.1",
                "0.0.0.0",
                "::1",
                "fc00::1",
                "fe80::1",
                "224.0.0.1",
                "11.0.0.1")) {
            boolean privateRange = !refused.equals("11.0.0.1");
            String why = guard.refusal("h", InetAddress.getByName(refused));
            assertEquals(privateRange, why != null, refused + ": " + why);
        }
        assertNull(guard.refusal("h", InetAddress.getByName("10.1.2.3")), "opened by the CIDR allowlist");
        assertNull(
                guard.refusal("intranet.example", InetAddress.getByName("192.168.7.7")),
                "opened by the host allowlist");
        assertNotNull(guard.refusal("other.example", InetAddress.getByName("192.168.7.7")));
        assertNull(guard.refusal("h", InetAddress.getByName("93.184.216.34")));
    }

    @Test
    void reservedRangesAndIpv4InsideIpv6AreRefused() throws Exception {
        AddressGuard guard = new AddressGuard(List.of());
        for (String refused : List.of(
                "198.18.0.1", // benchmarking
                "198.19.255.254",
                "192.0.0.8", // IETF protocol assignments
                "192.0.2.1", // documentation
                "240.0.0.1", // reserved
                "255.255.255.255",
                "0.1.2.3", // "this network"
                "64:ff9b::7f00:1", // NAT64 of 127.0.0.1
                "64:ff9b::a9fe:a9fe", // NAT64 of the metadata address
                "64:ff9b:1::808:808", // local-use NAT64: the operator's own network
                "2002:7f00:1::", // 6to4 of 127.0.0.1
                "::7f00:1", // IPv4-compatible 127.0.0.1
                "::ffff:10.0.0.1")) {
            assertNotNull(guard.refusal("h", InetAddress.getByName(refused)), refused);
        }
        for (String allowed : List.of("8.8.8.8", "64:ff9b::808:808", "2002:808:808::", "2606:4700::1111")) {
            assertNull(guard.refusal("h", InetAddress.getByName(allowed)), allowed);
        }
    }

    @Test
    void onlyTheWebsPortsUnlessTheHostIsAllowlisted() throws Exception {
        AddressGuard guard = new AddressGuard(List.of("10.0.0.0/8", "intranet.example"), java.util.Set.of(80, 443));
        InetAddress pub = InetAddress.getByName("93.184.216.34");
        assertNull(guard.portRefusal("example.org", pub, 443));
        assertNull(guard.portRefusal("example.org", pub, 80));
        assertNotNull(guard.portRefusal("example.org", pub, 6379), "a Redis port on a public host");
        assertNotNull(guard.portRefusal("example.org", pub, 22));
        assertNull(guard.portRefusal("intranet.example", InetAddress.getByName("192.168.1.1"), 8080));
        assertNull(guard.portRefusal("h", InetAddress.getByName("10.1.2.3"), 9000));
    }
}
