package org.lyceum.media.storage;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.file.FileSystem;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientResponse;
import java.net.URI;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Files as objects of one bucket of S3-compatible storage (AWS S3, MinIO, Garage, Ceph), through
 * Vert.x's HTTP client with Signature Version 4 ({@link SigV4}): non-blocking, a file streamed up
 * from disk and down to the reader, never whole in memory. For several instances on several machines.
 */
public final class S3Storage implements MediaStorage {

    /** Where the bucket is and how to sign; {@code pathStyle} for servers without bucket host names. */
    public record Settings(
            URI endpoint, String region, String bucket, String accessKey, String secretKey, boolean pathStyle) {}

    private final HttpClient http;
    private final FileSystem fs;
    private final Settings settings;
    private final SigV4 signer;

    public S3Storage(Vertx vertx, Settings settings) {
        this.settings = settings;
        this.fs = vertx.fileSystem();
        this.signer = new SigV4(settings.accessKey(), settings.secretKey(), settings.region());
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setSsl("https".equals(settings.endpoint().getScheme()))
                .setConnectTimeout(10_000)
                // A download holds its connection while the browser reads; Vert.x's default of 5 would
                // queue the sixth reader, and every put and delete, behind them.
                .setMaxPoolSize(64)
                .setIdleTimeout(60));
    }

    @Override
    public Uni<Void> put(String key, Path file, String mediaType) {
        URI uri = uri(key);
        return fs.props(file.toString()).chain(props -> fs.open(
                        file.toString(),
                        new io.vertx.core.file.OpenOptions().setRead(true).setCreate(false))
                .invoke(body -> body.setReadBufferSize(FilesystemStorage.READ_BUFFER))
                .chain(body -> request(HttpMethod.PUT, uri, Map.of("Content-Type", mediaType))
                        .chain(request -> request.putHeader("Content-Length", String.valueOf(props.size()))
                                .send(body))
                        .chain(response -> expect(response, "PUT", key, 200))
                        .eventually(() -> body.close().onFailure().recoverWithNull())));
    }

    @Override
    public Uni<@Nullable StoredFile> get(String key, @Nullable ByteRange range) {
        Map<String, String> headers =
                range == null ? Map.of() : Map.of("Range", "bytes=" + range.first() + "-" + range.last());
        return request(HttpMethod.GET, uri(key), headers)
                .chain(request -> request.send())
                .chain(response -> {
                    int status = response.statusCode();
                    if (status == 404) {
                        return drained(response).replaceWith((StoredFile) null);
                    }
                    if (status == 416 && range != null) {
                        // S3 names the size in Content-Range ("bytes */size"); S3Proxy does not, so ask.
                        String named = response.getHeader("Content-Range");
                        Uni<Long> size = named != null && named.indexOf('/') >= 0
                                ? Uni.createFrom().item(total(named))
                                : size(key);
                        return drained(response)
                                .chain(() -> size)
                                .map(n -> new StoredFile(
                                        n, range, Multi.createFrom().empty()));
                    }
                    if (status == 200 && range == null) {
                        long size = Long.parseLong(String.valueOf(response.getHeader("Content-Length")));
                        return Uni.createFrom().item(new StoredFile(size, null, body(response)));
                    }
                    if (status == 206 && range != null) {
                        long size = total(response.getHeader("Content-Range"));
                        return Uni.createFrom().item(new StoredFile(size, range, body(response)));
                    }
                    return failed(response, "GET", key);
                });
    }

    /** The stored size, from a HEAD. */
    private Uni<Long> size(String key) {
        return request(HttpMethod.HEAD, uri(key), Map.of())
                .chain(request -> request.send())
                .chain(head -> {
                    String length = head.getHeader("Content-Length");
                    return head.statusCode() == 200 && length != null
                            ? drained(head).replaceWith(Long.parseLong(length))
                            : failed(head, "HEAD", key);
                });
    }

    @Override
    public Uni<Boolean> delete(String key) {
        URI uri = uri(key);
        // S3 answers a DELETE of nothing with 204 as well: a HEAD first tells whether there was something.
        return request(HttpMethod.HEAD, uri, Map.of())
                .chain(request -> request.send())
                .chain(head -> {
                    if (head.statusCode() == 404) {
                        return drained(head).replaceWith(false);
                    }
                    return expect(head, "HEAD", key, 200)
                            .chain(() -> request(HttpMethod.DELETE, uri, Map.of()))
                            .chain(request -> request.send())
                            .chain(response -> expect(response, "DELETE", key, 204))
                            .replaceWith(true);
                });
    }

    /** Creates the bucket, or finds it there; for tests and first starts against an empty server. */
    Uni<Void> createBucket() {
        URI uri = settings.pathStyle()
                ? settings.endpoint().resolve("/" + SigV4.encode(settings.bucket()))
                : hostStyle("/");
        return request(HttpMethod.PUT, uri, Map.of())
                .chain(request -> request.send())
                .chain(response -> response.statusCode() == 409
                        ? drained(response)
                        : expect(response, "PUT", settings.bucket(), 200));
    }

    private Uni<io.vertx.mutiny.core.http.HttpClientRequest> request(
            HttpMethod method, URI uri, Map<String, String> headers) {
        Map<String, String> all = new HashMap<>(headers);
        all.putAll(signer.sign(method.name(), uri, headers, ZonedDateTime.now(ZoneOffset.UTC)));
        RequestOptions options = new RequestOptions().setMethod(method).setAbsoluteURI(uri.toString());
        all.forEach(options::putHeader);
        return http.request(options);
    }

    private URI uri(String key) {
        List<String> segments = new ArrayList<>();
        for (String segment : StorageKey.check(key).split("/", -1)) {
            segments.add(SigV4.encode(segment));
        }
        String path = "/" + String.join("/", segments);
        return settings.pathStyle()
                ? settings.endpoint().resolve("/" + SigV4.encode(settings.bucket()) + path)
                : hostStyle(path);
    }

    private URI hostStyle(String path) {
        URI e = settings.endpoint();
        return URI.create(e.getScheme() + "://" + settings.bucket() + "." + e.getHost()
                + (e.getPort() < 0 ? "" : ":" + e.getPort()) + path);
    }

    /**
     * The body as the reader's stream: paused until it subscribes (so no byte is dropped meanwhile),
     * and the connection reset if the reader stops early, rather than the rest read for nothing.
     */
    private static Multi<io.vertx.mutiny.core.buffer.Buffer> body(HttpClientResponse response) {
        response.pause();
        return response.toMulti().onCancellation().invoke(() -> response.request()
                .reset());
    }

    /** The whole size from a Content-Range header, {@code bytes a-b/size} or {@code bytes * /size}. */
    private static long total(@Nullable String contentRange) {
        if (contentRange == null || contentRange.indexOf('/') < 0) {
            throw new IllegalStateException("S3 answered a range without Content-Range: " + contentRange);
        }
        return Long.parseLong(
                contentRange.substring(contentRange.indexOf('/') + 1).strip());
    }

    private static Uni<Void> expect(HttpClientResponse response, String method, String key, int status) {
        return response.statusCode() == status ? drained(response) : failed(response, method, key);
    }

    private static <T> Uni<T> failed(HttpClientResponse response, String method, String key) {
        if (response.statusCode() / 100 == 2) {
            // A success we did not ask for (a whole object for a range): not read into memory.
            response.request().reset();
            return Uni.createFrom()
                    .failure(new IllegalStateException(
                            "S3 answered " + response.statusCode() + " to " + method + " " + key + " unexpectedly"));
        }
        return response.body().map(body -> {
            String text = body.toString();
            throw new IllegalStateException("S3 answered " + response.statusCode() + " to " + method + " " + key + ": "
                    + (text.length() > 300 ? text.substring(0, 300) : text));
        });
    }

    private static Uni<Void> drained(HttpClientResponse response) {
        return response.body().replaceWithVoid();
    }

    Settings settings() {
        return settings;
    }

    /** For the log: which bucket at which endpoint. */
    @Override
    public String toString() {
        return "s3 bucket " + settings.bucket() + " at " + settings.endpoint();
    }
}
