package org.lyceum.media.upload;

import io.netty.handler.codec.DecoderException;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.TenantIdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;
import org.lyceum.account.AccountService;
import org.lyceum.common.DomainException;
import org.lyceum.common.ErrorCode;
import org.lyceum.common.GlobalId;
import org.lyceum.media.Media;
import org.lyceum.media.MediaConfig;
import org.lyceum.media.MediaPurpose;
import org.lyceum.media.MediaRows;
import org.lyceum.media.MediaUrls;
import org.lyceum.ratelimit.RateClass;
import org.lyceum.ratelimit.RateLimits;

/**
 * {@code POST /uploads?purpose=RESOURCE|ICON|BANNER}: a signed-in person's file, as
 * {@code multipart/form-data} in the field {@code file}. A plain Vert.x route, so that everything
 * that can refuse it (the purpose, the declared length against the purpose's limit, the token, the
 * quota) is checked before a byte of the body is read; then the body streams to a temporary file
 * ({@link MultipartReceiver}) and on to storage ({@link Uploads}). Answers are JSON: 201 with the
 * upload, or {@code {code, message}} with 400, 401, 403, 413, 415 or 429 (with {@code Retry-After}).
 */
@ApplicationScoped
public class UploadRoute {

    static final String PATH = "/uploads";
    /** Room for the multipart framing around the file: boundaries and part headers. */
    static final long FRAMING = 64 * 1024;

    /** Where the early route keeps the Authorization header it took off the request. */
    private static final String AUTHORIZATION = "lyceum.upload.authorization";

    private static final Logger LOG = Logger.getLogger(UploadRoute.class);

    private final MediaConfig config;
    private final AccountService accounts;
    private final MediaRows rows;
    private final MediaUrls urls;
    private final Uploads uploads;
    private final Vertx vertx;
    private final TenantIdentityProvider tokens;
    private final Path incoming;
    private final RateLimits limits;

    UploadRoute(
            MediaConfig config,
            AccountService accounts,
            MediaRows rows,
            MediaUrls urls,
            Uploads uploads,
            Vertx vertx,
            TenantIdentityProvider tokens,
            RateLimits limits,
            @org.eclipse.microprofile.config.inject.ConfigProperty(name = "lyceum.data-dir") String dataDir) {
        this.config = config;
        this.limits = limits;
        this.accounts = accounts;
        this.rows = rows;
        this.urls = urls;
        this.uploads = uploads;
        this.vertx = vertx;
        this.tokens = tokens;
        this.incoming = Path.of(dataDir).resolve("incoming").toAbsolutePath();
    }

    void register(@Observes Router router) throws java.io.IOException {
        Files.createDirectories(incoming);
        // Quarkus' proactive authentication would answer a bad token itself, with an empty 401; this
        // route verifies its token itself (handle), so that every refusal is JSON with a code.
        router.route(PATH).order(Integer.MIN_VALUE + 1).handler(ctx -> {
            String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
            if (authorization != null) {
                ctx.put(AUTHORIZATION, authorization);
                ctx.request().headers().remove(HttpHeaders.AUTHORIZATION);
            }
            ctx.next();
        });
        // Before Quarkus' own body limit (order -2), which answers without a JSON body.
        router.post(PATH).order(-3).handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        MediaPurpose purpose = MediaPurpose.parse(request.getParam("purpose"));
        if (purpose == null) {
            refuse(ctx, new DomainException(ErrorCode.INVALID_INPUT, "purpose must be RESOURCE, ICON or BANNER"));
            return;
        }
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
            refuse(
                    ctx,
                    new DomainException(
                            ErrorCode.UNSUPPORTED_MEDIA,
                            "send the file as multipart/form-data, in the field \"file\""));
            return;
        }
        long limit = purpose.maxSize(config);
        long declared = declaredLength(request);
        if (declared > limit + FRAMING) {
            refuse(ctx, tooLarge(purpose, limit));
            return;
        }
        identity(ctx)
                .chain(accounts::viewerOf)
                .chain(viewer -> {
                    if (!viewer.signedIn()) {
                        throw new DomainException(ErrorCode.UNAUTHENTICATED, "uploads need a bearer token");
                    }
                    UUID owner = viewer.requirePersonId();
                    return limits.take(RateClass.UPLOADS, RateLimits.person(owner))
                            .invoke(decision -> {
                                if (!decision.granted()) {
                                    throw RateLimits.refusal(RateClass.UPLOADS, decision);
                                }
                            })
                            .chain(() -> rows.used(owner))
                            .map(used -> {
                                if (used >= config.quota().asLongValue()) {
                                    throw new DomainException(
                                            ErrorCode.QUOTA_EXCEEDED,
                                            "your uploads take all of your quota of "
                                                    + config.quota().asLongValue()
                                                    + " bytes; delete resources with files you no longer need");
                                }
                                return owner;
                            });
                })
                .subscribe()
                .with(owner -> receive(ctx, purpose, limit, owner), e -> fail(ctx, e));
    }

    private void receive(RoutingContext ctx, MediaPurpose purpose, long limit, UUID owner) {
        HttpServerRequest request = ctx.request();
        if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
            ctx.response().writeContinue();
        }
        Path target = incoming.resolve(UUID.randomUUID().toString());
        Uni.createFrom()
                .completionStage(() ->
                        MultipartReceiver.receive(vertx, request, target, limit).toCompletionStage())
                .onFailure(DomainException.class)
                .transform(e -> ((DomainException) e).code() == ErrorCode.TOO_LARGE ? tooLarge(purpose, limit) : e)
                .chain(file -> uploads.store(owner, purpose, file))
                .subscribe()
                .with(media -> created(ctx, media), e -> fail(ctx, e));
    }

    private void created(RoutingContext ctx, Media media) {
        String url = urls.signedUrl(media, null);
        JsonObject body = new JsonObject()
                .put("id", GlobalId.of(Media.TYPE, media.id()))
                .put("url", url)
                .put("mediaType", media.mediaType())
                .put("size", media.size())
                .put("sha256", media.sha256())
                .put("name", media.name());
        ctx.response()
                .setStatusCode(201)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.LOCATION, url)
                .end(body.encode());
    }

    /** The bearer token's identity, verified as every other request's is (signature, issuer, expiry). */
    private Uni<SecurityIdentity> identity(RoutingContext ctx) {
        String authorization = ctx.get(AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Uni.createFrom()
                    .failure(new DomainException(ErrorCode.UNAUTHENTICATED, "uploads need a bearer token"));
        }
        return tokens.authenticate(
                        new AccessTokenCredential(authorization.substring(7).trim()))
                .onFailure(e -> !(e instanceof DomainException))
                .transform(e -> new DomainException(
                        ErrorCode.UNAUTHENTICATED, "the bearer token is not valid (expired, or not this server's)"));
    }

    private static long declaredLength(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static DomainException tooLarge(MediaPurpose purpose, long limit) {
        return new DomainException(ErrorCode.TOO_LARGE, "files for " + purpose + " may be at most " + limit + " bytes");
    }

    private void fail(RoutingContext ctx, Throwable e) {
        if (e instanceof DomainException refused) {
            refuse(ctx, refused);
            return;
        }
        if (e instanceof HttpClosedException || ctx.response().closed()) {
            // The client went away (a cancelled upload): nobody to answer, nothing of ours failed.
            LOG.debugf("an upload ended by its client: %s", e);
            return;
        }
        if (e instanceof DecoderException) {
            // Netty's multipart decoder refusing the body: the client's mistake.
            refuse(ctx, new DomainException(ErrorCode.INVALID_INPUT, "the multipart body could not be read"));
            return;
        }
        String id = UUID.randomUUID().toString();
        LOG.errorf(e, "upload failed (error id %s)", id);
        refuse(ctx, 500, ErrorCode.INTERNAL, "the upload failed on our side (error id " + id + ")");
    }

    static void refuse(RoutingContext ctx, DomainException e) {
        if (e.retryAfter() > 0 && !ctx.response().ended()) {
            ctx.response().putHeader("Retry-After", String.valueOf(e.retryAfter()));
        }
        refuse(ctx, status(e.code()), e.code(), e.getMessage());
    }

    /**
     * A refusal that leaves body unread closes the connection afterwards: the rest of the body would
     * otherwise be read as the next request (and a client that keeps sending is stopped).
     */
    private static void refuse(RoutingContext ctx, int status, ErrorCode code, @Nullable String message) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        boolean unread = !ctx.request().isEnded();
        var response = ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        if (status == 401) {
            response.putHeader("WWW-Authenticate", "Bearer");
        }
        if (unread && ctx.request().version() != HttpVersion.HTTP_2) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        response.end(new JsonObject()
                        .put("code", code.name())
                        .put("message", message)
                        .encode())
                .onComplete(done -> {
                    if (unread) {
                        if (ctx.request().version() == HttpVersion.HTTP_2) {
                            ctx.response().reset();
                        } else {
                            ctx.request().connection().close();
                        }
                    }
                });
    }

    static int status(ErrorCode code) {
        return switch (code) {
            case UNAUTHENTICATED -> 401;
            case FORBIDDEN, QUOTA_EXCEEDED, REGISTRATION_CLOSED, SUSPENDED, ACCOUNT_DELETED -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case TOO_LARGE -> 413;
            case UNSUPPORTED_MEDIA -> 415;
            case RATE_LIMITED -> 429;
            case INVALID_INPUT, BAD_QUERY -> 400;
            default -> 500;
        };
    }
}
