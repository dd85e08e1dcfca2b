package org.lyceum.media;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;
import org.lyceum.common.ErrorCode;
import org.lyceum.media.MediaRows.Access;
import org.lyceum.media.MediaRows.Served;
import org.lyceum.media.storage.ByteRange;
import org.lyceum.media.storage.MediaStorage;
import org.lyceum.media.storage.StoredFile;

/**
 * {@code GET} and {@code HEAD /media/{id}/{name}[?size=...][&exp=...&sig=...]}: an uploaded file,
 * or one of an image's sizes, to anyone when something public shows it, with a valid signed URL
 * when only some may see it. Every other case (no such file, a bad, tampered or expired signature,
 * a file only deleted content refers to, an unknown size) is the same 404, so that a URL tells
 * nothing about a file it does not open. The name in the path is for the browser's save dialog only.
 */
@ApplicationScoped
public class MediaServing {

    private static final Logger LOG = Logger.getLogger(MediaServing.class);
    private static final String NOT_FOUND = new JsonObject()
            .put("code", ErrorCode.NOT_FOUND.name())
            .put("message", "no such file")
            .encode();

    private final MediaRows rows;
    private final MediaUrls urls;
    private final MediaStorage storage;

    MediaServing(MediaRows rows, MediaUrls urls, MediaStorage storage) {
        this.rows = rows;
        this.urls = urls;
        this.storage = storage;
    }

    void register(@Observes Router router) {
        router.route("/media/:id/:name")
                .method(HttpMethod.GET)
                .method(HttpMethod.HEAD)
                .handler(this::serve);
        router.route("/media/*").handler(MediaServing::other);
    }

    private void serve(RoutingContext ctx) {
        UUID id = uuid(ctx.pathParam("id"));
        if (id == null) {
            notFound(ctx.response());
            return;
        }
        rows.serving(id)
                .chain(served -> answer(ctx, served))
                .subscribe()
                .with(ignored -> {}, failure -> internal(ctx.response(), failure));
    }

    private Uni<Void> answer(RoutingContext ctx, @Nullable Served served) {
        HttpServerRequest request = ctx.request();
        HttpServerResponse response = ctx.response();
        if (served == null || served.access() == Access.NONE) {
            return notFound(response);
        }
        Media media = served.media();
        @Nullable Long signedUntil = null;
        if (served.access() == Access.SIGNED) {
            String exp = request.getParam("exp");
            if (exp == null || !urls.verify(media.id(), exp, request.getParam("sig"))) {
                return notFound(response);
            }
            signedUntil = Long.parseLong(exp);
        }
        String size = request.getParam("size");
        int index = size == null ? 0 : media.variants().indexOf(size);
        if (index < 0) {
            return notFound(response);
        }
        String variant = media.variants().get(index);
        long length = media.sizes().get(index);
        String etag = MediaHeaders.etag(media.id(), variant);
        MediaHeaders.put(response.headers(), media, variant, signedUntil);
        if (MediaHeaders.notModified(
                request.getHeader("If-None-Match"), request.getHeader("If-Modified-Since"), etag, media.createdAt())) {
            response.setStatusCode(304).end();
            return Uni.createFrom().voidItem();
        }
        ByteRange range = RangeHeader.parse(request.getHeader("Range"), request.getHeader("If-Range"), etag, length);
        if (range != null && !range.satisfiable(length)) {
            response.setStatusCode(416)
                    .putHeader("Content-Range", "bytes */" + length)
                    .putHeader("Content-Length", "0")
                    .end();
            return Uni.createFrom().voidItem();
        }
        if (range != null) {
            response.setStatusCode(206).putHeader("Content-Range", RangeHeader.contentRange(range, length));
        }
        response.putHeader("Content-Length", String.valueOf(range == null ? length : range.length(length)));
        if (HttpMethod.HEAD.equals(request.method())) {
            response.end();
            return Uni.createFrom().voidItem();
        }
        String key = media.key(variant);
        Context context = ctx.vertx().getOrCreateContext();
        return storage.get(key, range)
                .invoke(file -> send(response, context, key, length, file))
                .replaceWithVoid();
    }

    private static void send(
            HttpServerResponse response, Context context, String key, long length, @Nullable StoredFile file) {
        if (file == null) {
            LOG.warnf("The media row is there but its storage has nothing under %s", key);
            notFound(response);
            return;
        }
        if (file.size() != length) {
            file.body().subscribe().with(s -> s.cancel(), item -> {}, failure -> {}, () -> {});
            throw new IllegalStateException(
                    "the storage holds " + file.size() + " bytes under " + key + ", its row says " + length);
        }
        ResponseStream.start(response, context, key, file.body());
    }

    /** Other paths under /media: the same 404 for GET and HEAD, 405 for other methods. */
    private static void other(RoutingContext ctx) {
        HttpMethod method = ctx.request().method();
        if (HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method)) {
            notFound(ctx.response());
        } else {
            ctx.response().setStatusCode(405).putHeader("Allow", "GET, HEAD").end();
        }
    }

    private static Uni<Void> notFound(HttpServerResponse response) {
        error(response, 404, NOT_FOUND);
        return Uni.createFrom().voidItem();
    }

    private static void internal(HttpServerResponse response, Throwable failure) {
        String id = UUID.randomUUID().toString();
        LOG.errorf(failure, "Internal error %s while serving a file", id);
        if (response.headWritten()) {
            response.reset();
        } else if (!response.ended() && !response.closed()) {
            error(
                    response,
                    500,
                    new JsonObject()
                            .put("code", ErrorCode.INTERNAL.name())
                            .put("message", "internal error; the server log has the details under " + id)
                            .encode());
        }
    }

    private static void error(HttpServerResponse response, int status, String body) {
        response.headers().clear();
        response.setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Cache-Control", "no-store")
                .end(body);
    }

    private static @Nullable UUID uuid(@Nullable String value) {
        if (value == null || value.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
