package org.lyceum.discovery.preview;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;
import org.lyceum.common.DomainException;
import org.lyceum.common.ErrorCode;
import org.lyceum.discovery.DiscoveryConfig;
import org.lyceum.federation.fetch.SafeFetcher;
import org.lyceum.job.JobSpec;
import org.lyceum.job.Jobs;

/**
 * Link previews: the start of a page fetched through the SSRF guard, read off the event loop,
 * kept in the database for lyceum.discovery.preview-cache. Whatever stops a preview (a refused
 * address, DNS, a timeout, an error status, something other than HTML) is one answer,
 * {@code PREVIEW_UNAVAILABLE}, so the query cannot be used to map what this server can reach.
 */
@ApplicationScoped
public class LinkPreviews {

    public static final String PRUNE = "discovery-prune";

    static final String UNAVAILABLE = "no preview can be made for this URL";

    private static final Logger LOG = Logger.getLogger(LinkPreviews.class);
    private static final int MAX_URL = 2048;
    private static final Map<String, String> HEADERS = Map.of(
            "Accept", "text/html, application/xhtml+xml;q=0.9",
            "User-Agent", "Lyceum link preview (+https://github.com/lyceum)");

    private final SafeFetcher http;
    private final PreviewCache cache;
    private final Vertx vertx;
    private final Counter fetched;
    private final Counter cached;
    private final Counter unavailable;
    private final Duration timeout;

    LinkPreviews(SafeFetcher http, PreviewCache cache, Vertx vertx, MeterRegistry meters, DiscoveryConfig config) {
        this.http = http;
        this.timeout = config.previewTimeout();
        this.cache = cache;
        this.vertx = vertx;
        this.fetched = meters.counter("lyceum.link.previews", "outcome", "fetched");
        this.cached = meters.counter("lyceum.link.previews", "outcome", "cached");
        this.unavailable = meters.counter("lyceum.link.previews", "outcome", "unavailable");
    }

    void register(@Observes StartupEvent event, Jobs jobs) {
        jobs.register(JobSpec.singleton(PRUNE, "0 45 * * * ?", null, cache::prune));
    }

    /** The preview of an http(s) URL, from the cache when it is fresh. */
    public Uni<WebMetadata> preview(String url) {
        URI uri;
        try {
            uri = checked(url);
        } catch (DomainException e) {
            return Uni.createFrom().failure(e);
        }
        String key = uri.toString();
        return cache.fresh(key).chain(hit -> {
            if (hit != null) {
                cached.increment();
                return Uni.createFrom().item(hit);
            }
            return fetch(uri).invoke(() -> fetched.increment()).call(m -> cache.store(key, m));
        });
    }

    private Uni<WebMetadata> fetch(URI uri) {
        return http.getHead(uri, HEADERS, PageReader.HEAD_BYTES)
                .chain(page -> {
                    String type = mediaType(page.contentType());
                    if (page.status() < 200 || page.status() > 299) {
                        throw new Unusable("answered " + page.status());
                    }
                    if (!"text/html".equals(type) && !"application/xhtml+xml".equals(type)) {
                        throw new Unusable("not HTML but " + type);
                    }
                    String charset = charset(page.contentType());
                    // jsoup is plain blocking CPU work: a worker thread, then back on the request's context.
                    return vertx.executeBlocking(
                                    Uni.createFrom()
                                            .item(() -> PageReader.read(page.uri(), type, charset, page.body())),
                                    false)
                            .onFailure()
                            .invoke(e -> LOG.warnf(e, "Could not read the page at %s", page.uri()));
                })
                .ifNoItem()
                .after(timeout)
                .failWith(() -> new Unusable("no preview within " + timeout))
                .onFailure()
                .transform(e -> {
                    // The client's URL failing is not our error: the reason goes to the debug log only
                    // (a page the reader fails on is logged above, as a warning: that may be ours).
                    LOG.debugf("No preview of %s: %s", uri, e.toString());
                    unavailable.increment();
                    return new DomainException(ErrorCode.PREVIEW_UNAVAILABLE, UNAVAILABLE);
                });
    }

    /** The URL without its fragment (the server never sees it), or INVALID_INPUT for {@code url}. */
    private static URI checked(String url) {
        String u = url.trim();
        int hash = u.indexOf('#');
        if (hash >= 0) {
            u = u.substring(0, hash);
        }
        if (u.length() > MAX_URL) {
            throw DomainException.invalid("url", "at most " + MAX_URL + " characters");
        }
        URI uri;
        try {
            uri = new URI(u);
        } catch (URISyntaxException e) {
            throw DomainException.invalid("url", "not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw DomainException.invalid("url", "give an http or https URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw DomainException.invalid("url", "a URL with a user name or password cannot be previewed");
        }
        return uri;
    }

    private static @Nullable String mediaType(@Nullable String contentType) {
        if (contentType == null) {
            return null;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.isEmpty() ? null : type;
    }

    private static @Nullable String charset(@Nullable String contentType) {
        if (contentType == null) {
            return null;
        }
        for (String parameter : contentType.split(";", -1)) {
            String[] pair = parameter.trim().split("=", 2);
            if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("charset")) {
                return pair[1].trim().replace("\"", "");
            }
        }
        return null;
    }

    /** A page that was fetched but cannot be previewed. */
    private static final class Unusable extends RuntimeException {
        Unusable(String why) {
            super(why, null, false, false);
        }
    }
}
