package org.lyceum.federation.fetch;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.lyceum.federation.FederationConfig;

/**
 * GETs of remote URLs (actors, objects, keys) that cannot be turned against us (SSRF): the host
 * is resolved off the event loop, every address it resolves to is checked by the
 * {@link AddressGuard}, the connection goes to the checked address (so a second DNS answer cannot
 * swap it), redirects are followed by hand and checked again, and the body and the time are bounded
 * (a body over the bound fails the fetch, except with {@link #getHead}, which reads only its start).
 */
@ApplicationScoped
public class SafeFetcher {

    private final Vertx vertx;
    private final HttpClient http;
    private final AddressGuard guard;
    private final Duration timeout;
    private final long maxBytes;
    private final int maxRedirects;

    @Inject
    SafeFetcher(Vertx vertx, FederationConfig config) {
        this(
                vertx,
                new AddressGuard(
                        config.privateAddressAllowlist().orElse(List.of()),
                        java.util.Set.copyOf(config.allowedPorts())),
                config.fetchTimeout(),
                config.fetchMaxBytes(),
                config.fetchMaxRedirects(),
                config.trustCertificates().map(SafeFetcher::pem).orElse(null));
    }

    SafeFetcher(Vertx vertx, AddressGuard guard, Duration timeout, long maxBytes, int maxRedirects) {
        this(vertx, guard, timeout, maxBytes, maxRedirects, null);
    }

    private static io.vertx.core.net.TrustOptions pem(List<String> paths) {
        io.vertx.core.net.PemTrustOptions options = new io.vertx.core.net.PemTrustOptions();
        paths.forEach(options::addCertPath);
        return options;
    }

    /**
     * With {@code trust} null the JVM's certificate authorities are trusted. The connection goes
     * to the checked address while TLS names the URL's host (SNI) and checks the certificate
     * against it.
     */
    SafeFetcher(
            Vertx vertx,
            AddressGuard guard,
            Duration timeout,
            long maxBytes,
            int maxRedirects,
            io.vertx.core.net.@Nullable TrustOptions trust) {
        this.vertx = vertx;
        this.guard = guard;
        this.timeout = timeout;
        this.maxBytes = maxBytes;
        this.maxRedirects = maxRedirects;
        HttpClientOptions options = new HttpClientOptions()
                .setConnectTimeout((int) Math.min(timeout.toMillis(), 10_000))
                .setMaxPoolSize(32)
                .setKeepAlive(true)
                .setVerifyHost(true)
                .setForceSni(true);
        if (trust != null) {
            options.setTrustOptions(trust);
        }
        this.http = vertx.createHttpClient(options);
    }

    /** The response of a GET, after at most the allowed redirects. */
    /** A response; {@code location} is the Location header of a redirect not followed. */
    @SuppressWarnings("ArrayRecordComponent") // handed from the fetch to its reader, never compared or hashed
    public record Fetched(URI uri, int status, @Nullable String contentType, byte[] body, @Nullable String location) {}

    public Uni<Fetched> get(URI uri, Map<String, String> headers) {
        return exchange(HttpMethod.GET, uri, headers, null, 0, true, 0)
                .ifNoItem()
                .after(timeout)
                .failWith(() -> new FetchRefusedException("took longer than " + timeout));
    }

    /**
     * A GET (redirects followed) whose body may be up to {@code maxBytes} rather than the configured
     * bound (a remote image may be larger than an actor document); a larger body fails the fetch.
     */
    public Uni<Fetched> get(URI uri, Map<String, String> headers, long maxBytes) {
        return exchange(HttpMethod.GET, uri, headers, null, 0, true, 0, maxBytes)
                .ifNoItem()
                .after(timeout)
                .failWith(() -> new FetchRefusedException("took longer than " + timeout));
    }

    /**
     * A GET (redirects followed) that reads only the first {@code limit} bytes of the final body and
     * then drops the connection, instead of failing on a larger body: for callers that need only the
     * start of a document, such as a web page's head. The time bound is the same as {@link #get}'s.
     */
    public Uni<Fetched> getHead(URI uri, Map<String, String> headers, int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        return exchange(HttpMethod.GET, uri, headers, null, 0, true, limit)
                .ifNoItem()
                .after(timeout)
                .failWith(() -> new FetchRefusedException("took longer than " + timeout));
    }

    /** A GET that answers a redirect as it is, for callers that must sign each hop anew. */
    public Uni<Fetched> getOnce(URI uri, Map<String, String> headers) {
        return exchange(HttpMethod.GET, uri, headers, null, 0, false, 0)
                .ifNoItem()
                .after(timeout)
                .failWith(() -> new FetchRefusedException("took longer than " + timeout));
    }

    /** A POST under the same guard; redirects are not followed (a delivery must reach the inbox it names). */
    public Uni<Fetched> post(URI uri, Map<String, String> headers, byte[] body) {
        return exchange(HttpMethod.POST, uri, headers, body, 0, false, 0)
                .ifNoItem()
                .after(timeout)
                .failWith(() -> new FetchRefusedException("took longer than " + timeout));
    }

    /** {@code head} above zero reads only that many bytes of the final body (see {@link #getHead}). */
    private Uni<Fetched> exchange(
            HttpMethod method,
            URI uri,
            Map<String, String> headers,
            byte @Nullable [] payload,
            int redirects,
            boolean follow,
            int head) {
        return exchange(method, uri, headers, payload, redirects, follow, head, maxBytes);
    }

    private Uni<Fetched> exchange(
            HttpMethod method,
            URI uri,
            Map<String, String> headers,
            byte @Nullable [] payload,
            int redirects,
            boolean follow,
            int head,
            long limit) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if ((!scheme.equals("https") && !scheme.equals("http")) || uri.getHost() == null) {
            return Uni.createFrom().failure(new FetchRefusedException("not an http(s) URL: " + uri, true));
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort() > 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return resolve(host).chain(address -> {
            String portRefusal = guard.portRefusal(host, address, port);
            if (portRefusal != null) {
                return Uni.createFrom().failure(new FetchRefusedException("refused: " + portRefusal, true));
            }
            RequestOptions options = new RequestOptions()
                    .setMethod(method)
                    .setHost(host)
                    .setPort(port)
                    .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                    .setURI(path(uri))
                    .setSsl(scheme.equals("https"))
                    .setFollowRedirects(false)
                    .setTimeout(timeout.toMillis());
            headers.forEach(options::putHeader);
            return http.request(options)
                    .chain(request -> payload == null ? request.send() : request.send(Buffer.buffer(payload)))
                    .chain(response -> {
                        int status = response.statusCode();
                        String location = response.getHeader("Location");
                        if (follow && status >= 300 && status < 400 && location != null) {
                            // The redirect's own (small, bounded) body is read so the connection can be reused.
                            return body(response, maxBytes).chain(ignored -> {
                                if (redirects >= maxRedirects) {
                                    return Uni.createFrom()
                                            .failure(new FetchRefusedException(
                                                    "more than " + maxRedirects + " redirects"));
                                }
                                URI next;
                                try {
                                    next = uri.resolve(location.trim());
                                } catch (IllegalArgumentException e) {
                                    return Uni.createFrom()
                                            .failure(new FetchRefusedException("a malformed redirect: " + location));
                                }
                                return exchange(method, next, headers, null, redirects + 1, true, head, limit);
                            });
                        }
                        return (head > 0 ? head(response, head) : body(response, limit))
                                .map(body ->
                                        new Fetched(uri, status, response.getHeader("Content-Type"), body, location));
                    });
        });
    }

    /** A checked answer, reused for a minute: a fan-out to one host resolves it once, not per delivery. */
    private record Resolved(InetAddress address, long until) {}

    private final java.util.Map<String, Resolved> resolved = new java.util.concurrent.ConcurrentHashMap<>();

    private Uni<InetAddress> resolve(String host) {
        Resolved known = resolved.get(host);
        if (known != null && known.until > System.currentTimeMillis()) {
            return Uni.createFrom().item(known.address);
        }
        if (resolved.size() > 10_000) {
            resolved.clear();
        }
        return lookUp(host).invoke(a -> resolved.put(host, new Resolved(a, System.currentTimeMillis() + 60_000)));
    }

    private Uni<InetAddress> lookUp(String host) {
        return vertx.executeBlocking(
                Uni.createFrom().item(() -> {
                    InetAddress[] addresses;
                    try {
                        addresses = InetAddress.getAllByName(host);
                    } catch (UnknownHostException e) {
                        throw new FetchRefusedException("unknown host " + host);
                    }
                    // Every address must pass: a name that also points inside must not be used at all.
                    for (InetAddress a : addresses) {
                        String refusal = guard.refusal(host, a);
                        if (refusal != null) {
                            throw new FetchRefusedException(host + " resolves to " + refusal, true);
                        }
                    }
                    return addresses[0];
                }),
                false);
    }

    private static Uni<byte[]> body(HttpClientResponse response, long maxBytes) {
        String length = response.getHeader("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > maxBytes) {
                    abandon(response);
                    return Uni.createFrom()
                            .failure(new FetchRefusedException("the response is larger than " + maxBytes + " bytes"));
                }
            } catch (NumberFormatException ignored) {
                // judged by what arrives
            }
        }
        return response.toMulti()
                .collect()
                .in(Buffer::buffer, (all, chunk) -> {
                    all.appendBuffer(chunk);
                    if (all.length() > maxBytes) {
                        throw new FetchRefusedException("the response is larger than " + maxBytes + " bytes");
                    }
                })
                .onFailure()
                .invoke(e -> abandon(response))
                .map(Buffer::getBytes);
    }

    /**
     * The first {@code limit} bytes of the body, or all of it when shorter; after {@code limit}
     * bytes the connection is dropped, so the rest of a large body is never transferred in full.
     */
    private static Uni<byte[]> head(HttpClientResponse response, int limit) {
        return Uni.createFrom().emitter(emitter -> {
            Buffer read = Buffer.buffer();
            AtomicBoolean done = new AtomicBoolean();
            response.exceptionHandler(e -> {
                if (done.compareAndSet(false, true)) {
                    emitter.fail(e);
                }
            });
            response.handler(chunk -> {
                if (done.get()) {
                    return;
                }
                int room = limit - read.length();
                if (chunk.length() < room) {
                    read.appendBuffer(chunk);
                    return;
                }
                read.appendBuffer(chunk, 0, room);
                done.set(true);
                abandon(response);
                emitter.complete(read.getBytes());
            });
            response.endHandler(() -> {
                if (done.compareAndSet(false, true)) {
                    emitter.complete(read.getBytes());
                }
            });
            // Given up (the time bound): the rest of the body is not waited for.
            emitter.onTermination(() -> {
                if (done.compareAndSet(false, true)) {
                    abandon(response);
                }
            });
        });
    }

    /** Drops the connection of a response we will not read; the reset it causes is expected, not logged. */
    private static void abandon(HttpClientResponse response) {
        response.exceptionHandler(ignored -> {});
        response.request().reset();
    }

    private static String path(URI uri) {
        String p = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? p : p + "?" + uri.getRawQuery();
    }
}
