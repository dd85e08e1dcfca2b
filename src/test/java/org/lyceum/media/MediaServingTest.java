package org.lyceum.media;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.lyceum.database.Sql;
import org.lyceum.media.storage.MediaStorage;

/**
 * GET and HEAD /media/{id}/{name}: who gets a file (public, signed, nobody), its headers, ranges,
 * conditional requests, and one 404 for every way of not getting it.
 */
@QuarkusTest
class MediaServingTest {

    private static final byte[] DIGITS = "0123456789".getBytes(StandardCharsets.US_ASCII);
    private static final String NOT_FOUND = "{\"code\":\"NOT_FOUND\",\"message\":\"no such file\"}";
    private static final String BASE = "https://lyceum.test";

    @Inject
    MediaStorage storage;

    @Inject
    MediaRows mediaRows;

    @Inject
    MediaUrls urls;

    @Inject
    Sql sql;

    // --- public files and their headers ----------------------------------------------------------

    @Test
    void aPublicIconIsServedInlineWithEveryHeader() throws IOException {
        UUID owner = person();
        byte[] large = bytes(300, 1);
        byte[] small = bytes(40, 2);
        Media icon = upload(owner, MediaPurpose.ICON, "image/png", "face.png", variants("400", large, "64", small));
        run("update person set icon_id = $1 where id = $2", icon.id(), owner);

        Response r = get(path(icon));
        assertEquals(200, r.statusCode());
        assertArrayEquals(large, r.asByteArray());
        assertEquals("image/png", r.header("Content-Type"));
        assertEquals("300", r.header("Content-Length"));
        assertEquals("nosniff", r.header("X-Content-Type-Options"));
        assertEquals(MediaHeaders.CSP, r.header("Content-Security-Policy"));
        assertEquals("inline; filename=\"face.png\"; filename*=UTF-8''face.png", r.header("Content-Disposition"));
        assertEquals("\"" + icon.id() + "-400\"", r.header("ETag"));
        assertEquals(httpDate(icon.createdAt()), r.header("Last-Modified"));
        assertEquals("bytes", r.header("Accept-Ranges"));
        assertEquals("public, max-age=86400", r.header("Cache-Control"));
        assertEquals(null, r.header("Referrer-Policy"));

        Response s = get(path(icon) + "?size=64");
        assertEquals(200, s.statusCode());
        assertArrayEquals(small, s.asByteArray());
        assertEquals("\"" + icon.id() + "-64\"", s.header("ETag"));
        // The name in the path is only for the browser: any name serves.
        assertArrayEquals(large, get("/media/" + icon.id() + "/anything.txt").asByteArray());

        assertNotFound(get(path(icon) + "?size=128"));
    }

    @Test
    void svgAndOtherTypesAreAttachmentsAndTextIsUtf8() throws IOException {
        byte[] svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"
                .getBytes(StandardCharsets.UTF_8);
        Response r = get(path(publicFile("image/svg+xml", "logo.svg", svg)));
        assertArrayEquals(svg, r.asByteArray());
        assertEquals("image/svg+xml", r.header("Content-Type"));
        assertEquals("attachment; filename=\"logo.svg\"; filename*=UTF-8''logo.svg", r.header("Content-Disposition"));
        assertEquals(MediaHeaders.CSP, r.header("Content-Security-Policy"));

        Response text = get(path(publicFile("text/plain", "Übung 1.txt", DIGITS)));
        assertArrayEquals(DIGITS, text.asByteArray());
        assertEquals("text/plain; charset=utf-8", text.header("Content-Type"));
        assertEquals(
                "attachment; filename=\"_bung 1.txt\"; filename*=UTF-8''%C3%9Cbung%201.txt",
                text.header("Content-Disposition"));

        Response zip = get(path(publicFile("application/zip", "all.zip", DIGITS)));
        assertEquals("application/zip", zip.header("Content-Type"));
        assertTrue(zip.header("Content-Disposition").startsWith("attachment;"), zip.header("Content-Disposition"));

        Response pdf = get(path(publicFile("application/pdf", "sheet.pdf", DIGITS)));
        assertEquals(MediaHeaders.PDF_CSP, pdf.header("Content-Security-Policy"));
        assertTrue(pdf.header("Content-Disposition").startsWith("inline;"), pdf.header("Content-Disposition"));
    }

    @Test
    void aCurrentCopyIsNotSentAgain() throws IOException {
        Media file = publicFile("text/plain", "digits.txt", DIGITS);
        String etag = "\"" + file.id() + "-file\"";
        for (String match : List.of(etag, "*", "W/" + etag, "\"other\", " + etag)) {
            Response r = given().header("If-None-Match", match).get(path(file));
            assertEquals(304, r.statusCode(), match);
            assertEquals(0, r.asByteArray().length);
            assertEquals(etag, r.header("ETag"));
            assertEquals("public, max-age=86400", r.header("Cache-Control"));
        }
        assertEquals(
                200,
                given().header("If-None-Match", "\"other\"").get(path(file)).statusCode());
        Response since =
                given().header("If-Modified-Since", httpDate(file.createdAt())).get(path(file));
        assertEquals(304, since.statusCode());
    }

    // --- ranges ------------------------------------------------------------------------------------

    @Test
    void oneRangeIsServedAsPartialContent() throws IOException {
        Media file = publicFile("text/plain", "digits.txt", DIGITS);
        assertRange(file, "bytes=2-5", "2345", "bytes 2-5/10");
        assertRange(file, "bytes=-3", "789", "bytes 7-9/10");
        assertRange(file, "bytes=5-", "56789", "bytes 5-9/10");
        assertRange(file, "bytes=3-100", "3456789", "bytes 3-9/10");
        assertRange(file, "bytes=-50", "0123456789", "bytes 0-9/10");

        Response past = given().header("Range", "bytes=10-").get(path(file));
        assertEquals(416, past.statusCode());
        assertEquals("bytes */10", past.header("Content-Range"));
        assertEquals(0, past.asByteArray().length);

        // Several ranges, another unit or nonsense: ignored, the whole file.
        for (String ignored : List.of("bytes=0-1,4-5", "items=0-1", "bytes=x-y", "bytes=5-2")) {
            Response r = given().header("Range", ignored).get(path(file));
            assertEquals(200, r.statusCode(), ignored);
            assertArrayEquals(DIGITS, r.asByteArray(), ignored);
            assertEquals(null, r.header("Content-Range"));
        }
        // If-Range: the range only when it names this file.
        String etag = "\"" + file.id() + "-file\"";
        Response other = given().header("Range", "bytes=2-5")
                .header("If-Range", "\"old\"")
                .get(path(file));
        assertEquals(200, other.statusCode());
        Response same =
                given().header("Range", "bytes=2-5").header("If-Range", etag).get(path(file));
        assertEquals(206, same.statusCode());
        assertEquals("2345", same.asString());
    }

    @Test
    void aLargeFileIsStreamedWhole() throws IOException {
        byte[] large = bytes(3 * 1024 * 1024 + 17, 7); // many buffers, more than a write queue holds
        Media file = publicFile("video/mp4", "lesson.mp4", large);
        Response r = get(path(file));
        assertEquals(200, r.statusCode());
        assertEquals(String.valueOf(large.length), r.header("Content-Length"));
        assertArrayEquals(large, r.asByteArray());
        assertTrue(r.header("Content-Disposition").startsWith("inline;"));

        Response part = given().header("Range", "bytes=1000000-2999999").get(path(file));
        assertEquals(206, part.statusCode());
        assertArrayEquals(Arrays.copyOfRange(large, 1_000_000, 3_000_000), part.asByteArray());
    }

    @Test
    void aClientThatLeavesReleasesTheFile() throws IOException {
        Path fds = Path.of("/proc/self/fd");
        assumeTrue(Files.isDirectory(fds), "needs /proc to see open files");
        Media file = publicFile("video/mp4", "long.mp4", bytes(16 * 1024 * 1024, 3));
        Path stored = Path.of("target/test-media", file.key(Media.FILE)).toRealPath();
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.getOutputStream()
                    .write(("GET " + path(file) + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            assertEquals(1024, socket.getInputStream().readNBytes(1024).length);
            // The client reads no more: the server waits for it with the file open, not reading ahead.
            assertTrue(eventually(() -> open(fds, stored)), "the file is open while it is sent");
        }
        assertTrue(eventually(() -> !open(fds, stored)), "the file is closed once the client is gone");
    }

    @Test
    void headSendsTheHeadersWithoutReadingTheStorage() throws IOException {
        Media file = publicFile("text/plain", "digits.txt", DIGITS);
        Response head = given().head(path(file));
        assertEquals(200, head.statusCode());
        assertEquals("10", head.header("Content-Length"));
        assertEquals("text/plain; charset=utf-8", head.header("Content-Type"));
        assertEquals(0, head.asByteArray().length);
        Response range = given().header("Range", "bytes=2-5").head(path(file));
        assertEquals(206, range.statusCode());
        assertEquals("4", range.header("Content-Length"));
        assertEquals("bytes 2-5/10", range.header("Content-Range"));

        // A row whose bytes are gone: HEAD does not look; GET finds nothing to send.
        UUID owner = person();
        Media lost = row(owner, "text/plain", "lost.txt", 10);
        run("update person set banner_id = $1 where id = $2", lost.id(), owner);
        assertEquals(200, given().head(path(lost)).statusCode());
        assertNotFound(get(path(lost)));
    }

    // --- signed URLs ---------------------------------------------------------------------------------

    @Test
    void anUnattachedUploadNeedsItsSignedUrl() throws IOException {
        Media upload = upload(person(), MediaPurpose.RESOURCE, "text/plain", "draft.txt", variants("file", DIGITS));
        String signed = urls.signedUrl(upload, null).substring(BASE.length());

        Response r = get(signed);
        assertEquals(200, r.statusCode());
        assertArrayEquals(DIGITS, r.asByteArray());
        assertEquals("no-referrer", r.header("Referrer-Policy"));
        String cache = r.header("Cache-Control");
        assertTrue(cache.matches("private, max-age=\\d+"), cache);
        long maxAge = Long.parseLong(cache.substring("private, max-age=".length()));
        assertTrue(maxAge > 3000 && maxAge <= 3600 + 900, cache);

        long past = Instant.now().getEpochSecond() - 60;
        int sig = signed.indexOf("sig=") + "sig=".length();
        String tampered =
                signed.substring(0, sig) + (signed.charAt(sig) == 'A' ? 'B' : 'A') + signed.substring(sig + 1);
        String otherFiles =
                path(upload) + "?exp=" + (past + 3600) + "&sig=" + urls.sign(UUID.randomUUID(), past + 3600);
        for (String refused : List.of(
                path(upload),
                path(upload) + "?exp=" + (past + 3600),
                tampered,
                path(upload) + "?exp=" + past + "&sig=" + urls.sign(upload.id(), past),
                path(upload) + "?exp=soon&sig=" + urls.sign(upload.id(), past),
                otherFiles)) {
            assertNotFound(get(refused));
        }
    }

    @Test
    void aPrivateCommunitysFileIsSignedAndGoneWithItsContent() throws IOException {
        UUID owner = person();
        Media file = upload(owner, MediaPurpose.RESOURCE, "application/pdf", "sheet.pdf", variants("file", DIGITS));
        UUID community = UUID.randomUUID();
        run(
                "insert into community (id, ap_id, name, title, visibility) values ($1, $2, $3, 'Staff room', 'PRIVATE')",
                community,
                BASE + "/c/" + community,
                "c" + community.toString().substring(0, 8));
        UUID collection = content(
                community,
                owner,
                "insert into content (id, ap_id, kind, community_id, author_id,"
                        + " title) values ($1, $2, 'COLLECTION', $3, $4, 'Sheets')");
        UUID resource = content(
                community,
                owner,
                "insert into content (id, ap_id, kind, community_id, author_id,"
                        + " title, collection_id, position, file_id) values ($1, $2, 'RESOURCE', $3, $4, 'Sheet', $5, 0, $6)",
                collection,
                file.id());
        run("update media set attached_at = now() where id = $1", file.id());

        assertNotFound(get(path(file)));
        Response signed = get(urls.signedUrl(file, null).substring(BASE.length()));
        assertEquals(200, signed.statusCode());
        assertArrayEquals(DIGITS, signed.asByteArray());

        // Its collection deleted (the resource's own row untouched), the file is gone too.
        run("update content set deleted_at = now() where id = $1", collection);
        assertNotFound(get(urls.signedUrl(file, null).substring(BASE.length())));
        run("update content set deleted_at = null where id = $1", collection);
        assertEquals(
                200, get(urls.signedUrl(file, null).substring(BASE.length())).statusCode());

        run("update content set deleted_at = now() where id = $1", resource);
        assertNotFound(get(urls.signedUrl(file, null).substring(BASE.length())));
    }

    // --- no such file ------------------------------------------------------------------------------

    @Test
    void everyMissingFileIsTheSame404() {
        assertNotFound(get("/media/" + UUID.randomUUID() + "/nothing.png"));
        assertNotFound(get("/media/not-a-uuid/nothing.png"));
        assertNotFound(get("/media/" + UUID.randomUUID()));
        given().post("/media/" + UUID.randomUUID() + "/x.png")
                .then()
                .statusCode(405)
                .header("Allow", equalTo("GET, HEAD"));
        given().head("/media/" + UUID.randomUUID() + "/x.png")
                .then()
                .statusCode(404)
                .header("Content-Security-Policy", nullValue());
    }

    // --- helpers -----------------------------------------------------------------------------------

    private static Response get(String path) {
        return given().urlEncodingEnabled(false).get(path);
    }

    private static void assertNotFound(Response r) {
        assertEquals(404, r.statusCode());
        assertEquals(NOT_FOUND, r.asString());
        assertEquals("application/json", r.header("Content-Type"));
        assertEquals(null, r.header("Content-Disposition"));
    }

    private void assertRange(Media file, String range, String body, String contentRange) {
        given().header("Range", range)
                .get(path(file))
                .then()
                .statusCode(206)
                .header("Content-Range", contentRange)
                .header("Content-Length", String.valueOf(body.length()))
                .header("Content-Type", startsWith("text/plain"))
                .body(equalTo(body));
    }

    private static boolean open(Path fds, Path file) {
        try (Stream<Path> all = Files.list(fds)) {
            return all.anyMatch(fd -> {
                try {
                    return Files.readSymbolicLink(fd).equals(file);
                } catch (IOException e) {
                    return false; // closed meanwhile
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean eventually(BooleanSupplier condition) {
        long until = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private static String path(Media media) {
        return "/media/" + media.id() + "/x";
    }

    private static String httpDate(OffsetDateTime time) {
        return DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH)
                .format(time.withOffsetSameInstant(ZoneOffset.UTC));
    }

    private static byte[] bytes(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    private static Map<String, byte[]> variants(Object... pairs) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((String) pairs[i], (byte[]) pairs[i + 1]);
        }
        return out;
    }

    private void run(String statement, Object... args) {
        sql.run(statement, args).await().indefinitely();
    }

    private UUID person() {
        UUID id = UUID.randomUUID();
        String username = "media_" + id.toString().substring(0, 8);
        run(
                "insert into person (id, ap_id, username, display_name) values ($1, $2, $3, 'Media Test')",
                id,
                BASE + "/people/" + username,
                username);
        return id;
    }

    private UUID content(UUID community, UUID author, String insert, Object... more) {
        UUID id = UUID.randomUUID();
        List<Object> args = new ArrayList<>(List.of(id, BASE + "/o/" + id, community, author));
        args.addAll(List.of(more));
        run(insert, args.toArray());
        return id;
    }

    /** A file kept as uploaded that a person's banner shows: public. */
    private Media publicFile(String type, String name, byte[] bytes) throws IOException {
        UUID owner = person();
        Media file = upload(owner, MediaPurpose.RESOURCE, type, name, variants("file", bytes));
        run("update person set banner_id = $1 where id = $2", file.id(), owner);
        return file;
    }

    private Media upload(UUID owner, MediaPurpose purpose, String type, String name, Map<String, byte[]> variants)
            throws IOException {
        UUID id = UUID.randomUUID();
        List<Long> sizes = new ArrayList<>();
        for (Map.Entry<String, byte[]> variant : variants.entrySet()) {
            Path file = Files.createTempFile("media-serving", ".bin");
            try {
                Files.write(file, variant.getValue());
                storage.put(Media.key(id, variant.getKey()), file, type).await().indefinitely();
            } finally {
                Files.delete(file);
            }
            sizes.add((long) variant.getValue().length);
        }
        return insert(new Media(
                id,
                owner,
                purpose,
                type,
                List.copyOf(variants.keySet()),
                sizes,
                "0".repeat(64),
                name,
                OffsetDateTime.now(ZoneOffset.UTC),
                null,
                null));
    }

    /** A row with nothing in the storage. */
    private Media row(UUID owner, String type, String name, long size) {
        return insert(new Media(
                UUID.randomUUID(),
                owner,
                MediaPurpose.RESOURCE,
                type,
                List.of(Media.FILE),
                List.of(size),
                "0".repeat(64),
                name,
                OffsetDateTime.now(ZoneOffset.UTC),
                null,
                null));
    }

    private Media insert(Media media) {
        return mediaRows.insert(media, Long.MAX_VALUE).await().indefinitely();
    }
}
