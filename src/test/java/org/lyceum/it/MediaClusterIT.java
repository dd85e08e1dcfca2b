package org.lyceum.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lyceum.media.storage.S3ProxyServer;
import org.lyceum.support.TestDatabase;

/**
 * Two Lyceum processes behind one base URL (as behind a load balancer), on one database and one S3
 * bucket (S3Proxy, a real S3 API server with AWS signatures checked, its bucket a folder here): a
 * file uploaded through one instance is served by the other, signed URLs and public ones, with
 * ranges; and the bytes are objects in the bucket, not files in either instance's directory.
 *
 * <p>A class of its own rather than steps in DigestClusterIT or DeliveryClusterIT: those run their
 * instances for minutes with failpoints that kill them, and start them without an identity
 * provider. This one starts two instances once (tokens from the test issuer, as FederationIT does,
 * so no Keycloak) and takes seconds once they are up.
 */
class MediaClusterIT {

    /** The one address both instances answer for; the test reaches each on its own port with a URL's path. */
    private static final String BASE_URL = "https://lyceum-cluster.test";

    private static final String BUCKET = "lyceum-media";
    private static final int FETCH_BURST = 20;
    private static final int FETCH_PER_MINUTE = 6;
    private static final Path FIXTURES = Path.of("src/test/resources/media");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static S3ProxyServer s3;
    private static TestDatabase db;
    private static Path workA;
    private static Path workB;
    private static AppProcess a;
    private static AppProcess b;
    private static String teacher;

    @BeforeAll
    static void start() throws Exception {
        // Under target/, not /tmp: the S3Proxy log, its bucket folder and the instances' work folders stay
        // there to look at after a failure, and go with mvn clean.
        Path run = Files.createTempDirectory(
                Files.createDirectories(Path.of("target", "media-cluster-it")).toAbsolutePath(), "run");
        s3 = S3ProxyServer.start(Files.createDirectories(run.resolve("s3")));
        s3.createBucket(BUCKET);
        db = TestDatabase.create();
        Map<String, String> env = new HashMap<>(AppProcess.databaseEnv(db));
        env.putAll(Map.of(
                "QUARKUS_OIDC_PUBLIC_KEY",
                FederationIT.testIssuerPublicKey(),
                "QUARKUS_OIDC_TOKEN_ISSUER",
                org.lyceum.support.Tokens.ISSUER,
                "LYCEUM_REGISTRATION_POLICY",
                "open",
                "LYCEUM_INSTANCE_BASE_URL",
                BASE_URL,
                "QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE",
                "6"));
        // Low for the one class no other test here uses: the cluster-wide limit is measured on it.
        env.putAll(Map.of(
                "LYCEUM_RATE_LIMIT_REMOTE_FETCH_BURST",
                String.valueOf(FETCH_BURST),
                "LYCEUM_RATE_LIMIT_REMOTE_FETCH_PER_MINUTE",
                String.valueOf(FETCH_PER_MINUTE)));
        env.putAll(Map.of(
                "LYCEUM_MEDIA_STORAGE",
                "s3",
                "LYCEUM_MEDIA_S3_ENDPOINT",
                s3.endpoint().toString(),
                "LYCEUM_MEDIA_S3_REGION",
                S3ProxyServer.REGION,
                "LYCEUM_MEDIA_S3_BUCKET",
                BUCKET,
                "LYCEUM_MEDIA_S3_ACCESS_KEY",
                S3ProxyServer.ACCESS_KEY,
                "LYCEUM_MEDIA_S3_SECRET_KEY",
                S3ProxyServer.SECRET_KEY,
                "LYCEUM_MEDIA_S3_PATH_STYLE",
                "true"));
        workA = run.resolve("a");
        workB = run.resolve("b");
        // A migrates the schema; B joins the database as it is.
        a = AppProcess.start("media-cluster-a", workA, env);
        b = AppProcess.start("media-cluster-b", workB, env);
        teacher = FederationIT.token("mediateacher");
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {b, a, s3}) {
            if (closeable != null) {
                closeable.close();
            }
        }
        if (db != null) {
            db.drop();
        }
    }

    @Test
    void aFileUploadedThroughOneInstanceIsServedByTheOtherThroughItsSignedUrl() throws Exception {
        byte[] pdf = Files.readAllBytes(FIXTURES.resolve("worksheet.pdf"));
        JsonNode upload = upload(a, "RESOURCE", "worksheet.pdf", "application/pdf");
        String url = upload.get("url").asText();
        assertTrue(url.startsWith(BASE_URL + "/media/") && url.contains("sig="), url);
        assertEquals(sha256(pdf), upload.get("sha256").asText(), "the upload's sha256 is the file's");

        HttpResponse<byte[]> served = get(b, pathAndQuery(url), Map.of());
        assertEquals(200, served.statusCode(), "B serves A's upload through A's signed URL");
        assertEquals(upload.get("sha256").asText(), sha256(served.body()), "the same bytes");
        assertArrayEquals(pdf, served.body());
        assertEquals(404, get(b, URI.create(url).getRawPath(), Map.of()).statusCode(), "not without exp and sig");

        assertStoredInTheBucket(url, pdf);
    }

    @Test
    void aPublicResourcesFileCreatedThroughOneInstanceIsServedByTheOtherWithRanges() throws Exception {
        byte[] pdf = Files.readAllBytes(FIXTURES.resolve("worksheet.pdf"));
        String fileId = upload(a, "RESOURCE", "worksheet.pdf", "application/pdf")
                .get("id")
                .asText();
        String community = gql(
                        a,
                        "mutation($input: CreateCommunityInput!) { createCommunity(input: $input) { community { id } } }",
                        Map.of("name", "mediacluster", "title", "Media cluster", "visibility", "PUBLIC"))
                .at("/createCommunity/community/id")
                .asText();
        String collection = gql(
                        a,
                        "mutation($input: CreateCollectionInput!) { createCollection(input: $input) { collection { id } } }",
                        Map.of("communityId", community, "title", "Fractions"))
                .at("/createCollection/collection/id")
                .asText();
        JsonNode created = gql(
                        a,
                        "mutation($input: CreateResourceInput!) { createResource(input: $input)"
                                + " { resource { id url file { mediaType size name } } } }",
                        Map.of("collectionId", collection, "title", "Fractions worksheet", "fileId", fileId))
                .at("/createResource/resource");
        String url = created.get("url").asText();
        assertTrue(url.startsWith(BASE_URL + "/media/") && !url.contains("sig="), "public, unsigned: " + url);

        JsonNode onB = Http.graphql(
                        b,
                        null,
                        "query($id: ID!) { resource(id: $id) { url file { mediaType size name } } }",
                        Map.of("id", created.get("id").asText()))
                .body();
        assertEquals(url, onB.at("/data/resource/url").asText(), "B names the same URL: " + onB);
        assertEquals(created.get("file"), onB.at("/data/resource/file"));

        HttpResponse<byte[]> whole = get(b, pathAndQuery(url), Map.of());
        assertEquals(200, whole.statusCode());
        assertEquals(
                "application/pdf", whole.headers().firstValue("Content-Type").orElse(""));
        assertArrayEquals(pdf, whole.body());
        HttpResponse<byte[]> first4 = get(b, pathAndQuery(url), Map.of("Range", "bytes=0-3"));
        assertEquals(206, first4.statusCode());
        assertEquals(
                "bytes 0-3/" + pdf.length,
                first4.headers().firstValue("Content-Range").orElse(""));
        assertEquals("%PDF", new String(first4.body(), StandardCharsets.US_ASCII));

        assertStoredInTheBucket(url, pdf);
    }

    @Test
    void anIconUploadedThroughTheOtherInstanceIsServedByTheFirst() throws Exception {
        String icon =
                upload(b, "ICON", "photo-exif-gps.jpg", "image/jpeg").get("id").asText();
        JsonNode person = gql(
                        b,
                        "mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { person { username iconUrl } } }",
                        Map.of("iconId", icon))
                .at("/updateProfile/person");
        JsonNode onA = Http.graphql(
                        a,
                        null,
                        "query($u: String!) { person(username: $u) { iconUrl } }",
                        Map.of("u", person.get("username").asText()))
                .body();
        String iconUrl = onA.at("/data/person/iconUrl").asText();
        assertEquals(person.get("iconUrl").asText(), iconUrl, "A names the icon B stored: " + onA);

        HttpResponse<byte[]> served = get(a, pathAndQuery(iconUrl), Map.of());
        assertEquals(200, served.statusCode());
        assertTrue(
                served.headers().firstValue("Content-Type").orElse("").startsWith("image/"),
                String.valueOf(served.headers().map()));
        assertStoredInTheBucket(iconUrl, served.body());
    }

    /**
     * Issue 17's rate limits hold across the cluster: a burst of one person's remote fetches, split
     * between the two instances and sent at once, is granted the configured burst (plus what refilled
     * while it ran), at most 10 % over, and the rest is refused with RATE_LIMITED.
     */
    @Test
    void aBurstSplitBetweenTheInstancesIsRefusedAtTheClusterWideLimit() throws Exception {
        String curious = FederationIT.token("curiousfetcher");
        FederationIT.gql(a, curious, "{ me { username } }", Map.of()); // provisioned before the burst
        int requests = 3 * FETCH_BURST;
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> codes = new ArrayList<>();
        try {
            for (int i = 0; i < requests; i++) {
                AppProcess app = i % 2 == 0 ? a : b;
                codes.add(pool.submit(() -> {
                    go.await();
                    JsonNode body = Http.graphql(
                                    app,
                                    curious,
                                    "query($u: String!) { fetchWebMetadata(url: $u) { title } }",
                                    Map.of("u", "http://127.0.0.1:1/page"))
                            .body();
                    return body.at("/errors/0/extensions/code").asText("GRANTED");
                }));
            }
            long start = System.nanoTime();
            go.countDown();
            Map<String, Integer> counted = new HashMap<>();
            for (Future<String> code : codes) {
                counted.merge(code.get(60, TimeUnit.SECONDS), 1, Integer::sum);
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            int refused = counted.getOrDefault("RATE_LIMITED", 0);
            int granted = requests - refused;
            // Granted requests fail on their own (the address is refused): anything but RATE_LIMITED got a token.
            double refilled = Math.ceil(elapsed * FETCH_PER_MINUTE / 60.0);
            assertTrue(granted >= FETCH_BURST, "at least the burst is granted: " + counted + " in " + elapsed + " s");
            assertTrue(
                    granted <= FETCH_BURST * 1.1 + refilled,
                    "at most 10 % over the burst plus " + refilled + " refilled: " + counted + " in " + elapsed + " s");
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The bytes a URL serves are an object of the S3Proxy bucket (a file under its folder, in the
     * file's id's folder), and neither instance has a media directory of its own.
     */
    private static void assertStoredInTheBucket(String url, byte[] bytes) throws Exception {
        String path = URI.create(url).getRawPath();
        String id = UUID.fromString(path.substring("/media/".length(), path.indexOf('/', "/media/".length())))
                .toString();
        Path folder = s3.bucketDirectory(BUCKET).resolve(id);
        assertTrue(Files.isDirectory(folder), "the bucket has objects under " + id);
        List<String> stored;
        try (Stream<Path> files = Files.walk(folder)) {
            stored = files.filter(Files::isRegularFile)
                    .map(MediaClusterIT::sha256Of)
                    .toList();
        }
        assertTrue(stored.contains(sha256(bytes)), "an object in the bucket holds the served bytes: " + stored);
        for (Path work : List.of(workA, workB)) {
            assertFalse(Files.exists(work.resolve("data/media")), "no local media directory in " + work);
        }
    }

    private static JsonNode gql(AppProcess app, String query, Map<String, Object> input) throws Exception {
        return FederationIT.gql(app, teacher, query, Map.of("input", input));
    }

    /** POST /uploads as multipart/form-data with the file in the field {@code file}; expects 201. */
    private static JsonNode upload(AppProcess app, String purpose, String file, String type) throws Exception {
        String boundary = "----lyceum" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file
                        + "\"\r\nContent-Type: " + type + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(FIXTURES.resolve(file)));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(app.uri("/uploads?purpose=" + purpose))
                        .timeout(Duration.ofSeconds(60))
                        .header("Authorization", "Bearer " + teacher)
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, response.statusCode(), response.body());
        return Http.JSON.readTree(response.body());
    }

    /** A GET with these headers only (no Authorization): as a browser follows a link. */
    private static HttpResponse<byte[]> get(AppProcess app, String pathAndQuery, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(app.uri(pathAndQuery)).timeout(Duration.ofSeconds(30));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String pathAndQuery(String url) {
        URI uri = URI.create(url);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static String sha256Of(Path file) {
        try {
            return sha256(Files.readAllBytes(file));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
