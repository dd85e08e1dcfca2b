package org.lyceum.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;
import org.lyceum.account.AccountService;
import org.lyceum.account.Viewer;
import org.lyceum.common.DomainException;

/**
 * The rate limits: one token bucket per class of operation and caller, in the backend of
 * {@link RateLimitConfig}. A refusal is the caller's doing: logged at DEBUG, counted in {@code
 * lyceum_rate_limit_refusals_total{class}}. A backend that fails lets the request through (logged):
 * a broken Redis must not stop the site.
 */
@ApplicationScoped
public class RateLimits {

    private static final Logger LOG = Logger.getLogger(RateLimits.class);

    private final boolean enabled;
    private final BucketStore store;
    private final Map<RateClass, Limit> limits = new EnumMap<>(RateClass.class);
    private final Map<RateClass, Counter> refusals = new EnumMap<>(RateClass.class);
    private final AccountService accounts;
    private final Instance<CurrentVertxRequest> request;

    RateLimits(
            RateLimitConfig config,
            Instance<PostgresBuckets> postgres,
            Instance<RedisBuckets> redis,
            Instance<MemoryBuckets> memory,
            MeterRegistry meters,
            AccountService accounts,
            Instance<CurrentVertxRequest> request) {
        this.enabled = config.enabled();
        this.store = switch (config.backend()) {
            case POSTGRES -> postgres.get();
            case REDIS -> redis.get();
            case MEMORY -> memory.get();
        };
        this.accounts = accounts;
        this.request = request;
        for (RateClass c : RateClass.values()) {
            RateLimitConfig.Bucket bucket = bucket(config, c);
            limits.put(
                    c,
                    new Limit(
                            bucket.burst().orElse(c.defaultBurst),
                            bucket.perMinute().orElse(c.defaultPerMinute)));
            refusals.put(c, meters.counter("lyceum.rate.limit.refusals", "class", c.key()));
        }
    }

    private static RateLimitConfig.Bucket bucket(RateLimitConfig config, RateClass c) {
        return switch (c) {
            case CONTENT -> config.content();
            case REPORTS -> config.reports();
            case REMOTE_FETCH -> config.remoteFetch();
            case UPLOADS -> config.uploads();
            case SUBSCRIPTIONS -> config.subscriptions();
            case INBOX -> config.inbox();
        };
    }

    /** The class's configured limit. */
    public Limit limit(RateClass rateClass) {
        return Objects.requireNonNull(limits.get(rateClass), "a limit per class");
    }

    /** The bucket key of a signed-in person. */
    public static String person(UUID personId) {
        return "person:" + personId;
    }

    /** The bucket key of an anonymous client, by its address (as the proxy reported it, if trusted). */
    public static String address(@Nullable SocketAddress remote) {
        return "ip:" + (remote == null ? "unknown" : remote.hostAddress());
    }

    /** The bucket key of a remote server. */
    public static String host(String host) {
        return "host:" + host;
    }

    /** The bucket key of a viewer: the person, or the address of an anonymous one. */
    public static String of(Viewer viewer, @Nullable SocketAddress remote) {
        return viewer.signedIn() ? person(viewer.requirePersonId()) : address(remote);
    }

    /**
     * For GraphQL operations: takes a token of the class for the caller of the current request, or
     * fails with RATE_LIMITED and {@code extensions.retryAfter}.
     */
    public Uni<Void> check(RateClass rateClass) {
        if (!enabled) {
            return Uni.createFrom().voidItem();
        }
        return accounts.viewer()
                .chain(viewer -> take(rateClass, of(viewer, remoteAddress())))
                .invoke(decision -> {
                    if (!decision.granted()) {
                        throw refusal(rateClass, decision);
                    }
                })
                .replaceWithVoid();
    }

    /** Takes a token of the class for the key; a refusal is counted and logged here. */
    public Uni<Decision> take(RateClass rateClass, String key) {
        if (!enabled) {
            return Uni.createFrom().item(Decision.GRANTED);
        }
        return store.take(rateClass.key(), key, limit(rateClass))
                .onFailure()
                .recoverWithItem(e -> {
                    LOG.warnf("Rate limit %s not checked, the request goes through: %s", rateClass.key(), e.toString());
                    return Decision.GRANTED;
                })
                .invoke(decision -> {
                    if (!decision.granted()) {
                        Objects.requireNonNull(refusals.get(rateClass), "a counter per class")
                                .increment();
                        LOG.debugf(
                                "Rate limit %s refused %s (retry after %d s)",
                                rateClass.key(), key, decision.retryAfter());
                    }
                });
    }

    /** The refusal a client sees. */
    public static DomainException refusal(RateClass rateClass, Decision decision) {
        return DomainException.rateLimited(message(rateClass, decision), decision.retryAfter());
    }

    /** The refusal's message. */
    public static String message(RateClass rateClass, Decision decision) {
        return "too many requests (" + rateClass.key() + "); try again in " + decision.retryAfter() + " s";
    }

    /** Forgets the class's buckets that are full again, for the prune job. */
    Uni<Integer> prune(RateClass rateClass) {
        // An hour at least, so a bucket that refills fast is not rewritten every minute.
        return store.prune(rateClass.key(), Math.max(3600, limit(rateClass).secondsToFull()));
    }

    private @Nullable SocketAddress remoteAddress() {
        RoutingContext current = request.isResolvable() ? request.get().getCurrent() : null;
        return current == null ? null : current.request().remoteAddress();
    }
}
