package org.lyceum.discovery.preview;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpServer;
import io.vertx.mutiny.core.http.HttpServerResponse;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lyceum.job.JobOutcome;
import org.lyceum.job.Jobs;
import org.lyceum.support.Api;
import org.lyceum.support.Api.User;
import org.lyceum.support.GraphQL;
import org.lyceum.support.Rows;

/**
 * fetchWebMetadata against a real HTTP server on 127.0.0.1 (allowlisted for tests, with the tests'
 * 2 s fetch timeout): what pages say, how much of them is read, the cache, and one answer for
 * every failure.
 */
@QuarkusTest
class LinkPreviewTest {

    private static final String PREVIEW = "query($url: String!) { fetchWebMetadata(url: $url) "
            + "{ url title description imageUrl siteName language licence mediaType } }";

    private static final String OPEN_GRAPH =
            """
            <!doctype html>
            <html lang="en-US">
            <head>
              <title>Fallback title</title>
              <meta property="og:title" content="Fractions with pizza">
              <meta property="og:description" content="A  lesson on
                 fractions for year 4.">
              <meta property="og:image" content="/img/pizza.png">
              <meta property="og:site_name" content="Maths Commons">
              <meta property="og:locale" content="de_DE">
              <link rel="license" href="https://creativecommons.org/licenses/by-sa/4.0/">
            </head>
            <body><p>Slice it.</p></body>
            </html>
            """;

    private static final String TWITTER_CARD =
            """
            <html><head>
              <meta name="twitter:title" content="Les fractions">
              <meta name="twitter:description" content="Une leçon">
              <meta name="twitter:image" content="https://images.example/cover.jpg">
              <meta property="og:locale" content="fr_FR">
              <script type="application/ld+json">
                {"@context": "https://schema.org", "@type": "LearningResource",
                 "license": "https://creativecommons.org/publicdomain/zero/1.0/"}
              </script>
            </head><body></body></html>
            """;

    private static Vertx vertx;
    private static HttpServer server;
    private static int port;
    private static final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    /** Bytes of the 5 MB page the server managed to hand to its connection, and whether we hung up first. */
    private static final AtomicLong bigWritten = new AtomicLong();

    private static final AtomicBoolean bigClosedEarly = new AtomicBoolean();

    @Inject
    DataSource db;

    @Inject
    Jobs jobs;

    @BeforeAll
    static void serve() {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer()
                .requestHandler(request -> {
                    requests.computeIfAbsent(request.uri(), k -> new AtomicInteger())
                            .incrementAndGet();
                    HttpServerResponse response = request.response();
                    switch (request.path()) {
                        case "/og" -> html(response, OPEN_GRAPH);
                        case "/twitter" -> html(response, TWITTER_CARD);
                        case "/plain" -> html(response, "<html><head><title> Just a title </title></head></html>");
                        case "/big" -> big(response);
                        case "/slow" -> {
                            /* never answers */
                        }
                        case "/png" ->
                            response.putHeader("Content-Type", "image/png")
                                    .endAndForget(Buffer.buffer(new byte[] {(byte) 0x89, 'P', 'N', 'G'}));
                        case "/missing" -> response.setStatusCode(404).endAndForget();
                        case "/to-metadata" ->
                            response.setStatusCode(302)
                                    .putHeader("Location", "http://169.254.169.254/latest/meta-data/")
                                    .endAndForget();
                        case "/to-private" ->
                            response.setStatusCode(301)
                                    .putHeader("Location", "http://10.0.0.1/")
                                    .endAndForget();
                        case "/to-og" ->
                            response.setStatusCode(302)
                                    .putHeader("Location", "/og?via=redirect")
                                    .endAndForget();
                        default -> response.setStatusCode(404).endAndForget();
                    }
                })
                .listenAndAwait(0, "127.0.0.1");
        port = server.actualPort();
    }

    @AfterAll
    static void stop() {
        server.closeAndAwait();
        vertx.closeAndAwait();
    }

    private static void html(HttpServerResponse response, String body) {
        response.putHeader("Content-Type", "text/html; charset=utf-8").endAndForget(body);
    }

    /**
     * A 5 MB page whose metadata is in its first KiB: the first MiB is sent at once, the rest only
     * 5 s later (past the fetch timeout), so a preview in time proves the client stopped reading
     * after the head instead of waiting for the whole body.
     */
    private static void big(HttpServerResponse response) {
        int total = 5 * 1024 * 1024;
        byte[] head = ("<html lang=\"es\"><head><title>Enorme</title>"
                        + "<meta property=\"og:description\" content=\"Una página muy grande\"></head><body>")
                .getBytes(StandardCharsets.UTF_8);
        byte[] padding = new byte[64 * 1024];
        java.util.Arrays.fill(padding, (byte) 'x');
        response.putHeader("Content-Type", "text/html; charset=utf-8")
                .putHeader("Content-Length", Integer.toString(total));
        response.closeHandler(() -> bigClosedEarly.set(true));
        response.exceptionHandler(ignored -> {});
        response.writeAndForget(Buffer.buffer(head));
        long written = head.length;
        while (written + padding.length <= 1024 * 1024) {
            response.writeAndForget(Buffer.buffer(padding));
            written += padding.length;
        }
        bigWritten.set(written);
        long sent = written;
        vertx.setTimer(5_000, id -> {
            if (bigClosedEarly.get()) {
                return;
            }
            long rest = total - sent;
            while (rest > 0) {
                int n = (int) Math.min(rest, padding.length);
                response.writeAndForget(Buffer.buffer(padding).slice(0, n));
                rest -= n;
            }
            bigWritten.set(total);
            response.endAndForget();
        });
    }

    private static String local(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static ValidatableResponse preview(User user, String url) {
        return Api.call(user, PREVIEW, Map.of("url", url));
    }

    private static void unavailable(User user, String url) {
        preview(user, url)
                .body("data.fetchWebMetadata", nullValue())
                .body("errors[0].extensions.code", equalTo("PREVIEW_UNAVAILABLE"))
                .body("errors[0].message", equalTo("no preview can be made for this URL"))
                .body("errors[0].extensions.field", nullValue());
    }

    @Test
    void anOpenGraphPageGivesEveryField() {
        User teacher = Api.user("teacher");
        String url = local("/og?" + Api.unique("og"));
        preview(teacher, url)
                .body("errors", nullValue())
                .body("data.fetchWebMetadata.url", equalTo(url))
                .body("data.fetchWebMetadata.title", equalTo("Fractions with pizza"))
                .body("data.fetchWebMetadata.description", equalTo("A lesson on fractions for year 4."))
                .body("data.fetchWebMetadata.imageUrl", equalTo(local("/img/pizza.png")))
                .body("data.fetchWebMetadata.siteName", equalTo("Maths Commons"))
                .body("data.fetchWebMetadata.language", equalTo("en"))
                .body("data.fetchWebMetadata.licence", equalTo("CC-BY-SA-4.0"))
                .body("data.fetchWebMetadata.mediaType", equalTo("text/html"));
    }

    @Test
    void twitterCardsOpenGraphLocaleAndJsonLdLicence() {
        preview(Api.user("teacher"), local("/twitter"))
                .body("errors", nullValue())
                .body("data.fetchWebMetadata.title", equalTo("Les fractions"))
                .body("data.fetchWebMetadata.description", equalTo("Une leçon"))
                .body("data.fetchWebMetadata.imageUrl", equalTo("https://images.example/cover.jpg"))
                .body("data.fetchWebMetadata.siteName", nullValue())
                .body("data.fetchWebMetadata.language", equalTo("fr"))
                .body("data.fetchWebMetadata.licence", equalTo("CC0-1.0"));
    }

    @Test
    void aPageWithoutMetadataHasItsTitleOnly() {
        preview(Api.user("teacher"), local("/plain"))
                .body("errors", nullValue())
                .body("data.fetchWebMetadata.title", equalTo("Just a title"))
                .body("data.fetchWebMetadata.description", nullValue())
                .body("data.fetchWebMetadata.imageUrl", nullValue())
                .body("data.fetchWebMetadata.siteName", nullValue())
                .body("data.fetchWebMetadata.language", nullValue())
                .body("data.fetchWebMetadata.licence", nullValue())
                .body("data.fetchWebMetadata.mediaType", equalTo("text/html"));
    }

    @Test
    void redirectsAreFollowedAndTheFinalAddressIsGiven() {
        preview(Api.user("teacher"), local("/to-og"))
                .body("errors", nullValue())
                .body("data.fetchWebMetadata.url", equalTo(local("/og?via=redirect")))
                .body("data.fetchWebMetadata.title", equalTo("Fractions with pizza"));
    }

    @Test
    void aFiveMegabytePageIsPreviewedFromItsHead() throws InterruptedException {
        long t0 = System.nanoTime();
        preview(Api.user("teacher"), local("/big"))
                .body("errors", nullValue())
                .body("data.fetchWebMetadata.title", equalTo("Enorme"))
                .body("data.fetchWebMetadata.description", equalTo("Una página muy grande"))
                .body("data.fetchWebMetadata.language", equalTo("es"));
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertTrue(took.compareTo(Duration.ofSeconds(2)) < 0, "answered from the head, in " + took);
        for (int i = 0; i < 50 && !bigClosedEarly.get(); i++) {
            Thread.sleep(100);
        }
        assertTrue(bigClosedEarly.get(), "the connection was dropped after the head");
        assertTrue(bigWritten.get() < 5 * 1024 * 1024, "the server never sent the whole page");
    }

    @Test
    void aSlowPageIsUnavailableWithinTheFetchTimeout() {
        long t0 = System.nanoTime();
        unavailable(Api.user("teacher"), local("/slow"));
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "gave up after the fetch timeout, in " + took);
    }

    @Test
    void redirectsToPrivateAddressesAreUnavailable() {
        User teacher = Api.user("teacher");
        unavailable(teacher, local("/to-metadata"));
        unavailable(teacher, local("/to-private"));
        unavailable(teacher, "http://169.254.169.254/latest/meta-data/");
        // The tests' allowlist opens 127.0.0.1 only: the same server over IPv6 loopback is refused.
        unavailable(teacher, "http://[::1]:" + port + "/og");
    }

    @Test
    void whatIsNotAnHtmlPageIsUnavailable() {
        User teacher = Api.user("teacher");
        unavailable(teacher, local("/png"));
        unavailable(teacher, local("/missing"));
        unavailable(teacher, "http://no-such-host.invalid/");
    }

    @Test
    void aPreviewIsCachedByUrl() {
        User teacher = Api.user("teacher");
        String path = "/og?" + Api.unique("cached");
        preview(teacher, local(path)).body("data.fetchWebMetadata.title", equalTo("Fractions with pizza"));
        preview(Api.user("other"), local(path + "#section"))
                .body("errors", nullValue())
                .body("data.fetchWebMetadata.title", equalTo("Fractions with pizza"));
        assertEquals(1, requests.get(path).get(), "the second call was answered from the database");
        // Past lyceum.discovery.preview-cache the page is fetched again.
        Rows.execute(db, "update web_preview set fetched_at = now() - interval '25 hours' where url = ?", local(path));
        preview(teacher, local(path)).body("data.fetchWebMetadata.title", equalTo("Fractions with pizza"));
        assertEquals(2, requests.get(path).get());
    }

    @Test
    void previewsPastTheCacheTimeArePruned() {
        String kept = local("/plain?" + Api.unique("kept"));
        String old = local("/plain?" + Api.unique("old"));
        User teacher = Api.user("teacher");
        preview(teacher, kept).body("errors", nullValue());
        preview(teacher, old).body("errors", nullValue());
        Rows.execute(db, "update web_preview set fetched_at = now() - interval '25 hours' where url = ?", old);
        assertEquals(
                Optional.of(JobOutcome.SUCCEEDED),
                jobs.runNow(LinkPreviews.PRUNE).await().atMost(Duration.ofSeconds(20)));
        assertEquals(0, Rows.count(db, "select count(*) from web_preview where url = ?", old));
        assertEquals(1, Rows.count(db, "select count(*) from web_preview where url = ?", kept));
    }

    @Test
    void onlyHttpUrlsAreAccepted() {
        User teacher = Api.user("teacher");
        for (String url :
                new String[] {"ftp://example.org/file", "javascript:alert(1)", "not a url", "file:///etc/passwd"}) {
            preview(teacher, url)
                    .body("data.fetchWebMetadata", nullValue())
                    .body("errors[0].extensions.code", equalTo("INVALID_INPUT"))
                    .body("errors[0].extensions.field", equalTo("url"));
        }
    }

    @Test
    void anonymousCallersMustSignIn() {
        GraphQL.anonymous(PREVIEW, Map.of("url", local("/og")))
                .body("data.fetchWebMetadata", nullValue())
                .body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
    }
}
