package org.lyceum.federation.remote;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;
import org.lyceum.common.DomainException;
import org.lyceum.database.Sql;
import org.lyceum.federation.Authority;
import org.lyceum.federation.fetch.FetchRefusedException;
import org.lyceum.federation.fetch.SafeFetcher;
import org.lyceum.federation.policy.DomainPolicy;
import org.lyceum.media.MediaConfig;
import org.lyceum.media.MediaPurpose;
import org.lyceum.media.upload.Uploads;

/**
 * Copies of remote people's and groups' icons and banners, with lyceum.media.cache-remote: after an
 * actor is stored, an image whose URL is new (no copy yet) is fetched through the guarded fetcher,
 * checked and re-encoded as an upload is, and set as the row's icon_id or banner_id; icon_url and
 * banner_url keep the source, so the same URL is not fetched again. A domain blocked with
 * reject_media is not fetched from, and its actors' copies stop being shown. Failures leave the
 * link as it was. The copy runs after the actor is stored, which neither waits for it nor fails by it.
 */
@ApplicationScoped
public class RemoteImages {

    private static final Logger LOG = Logger.getLogger(RemoteImages.class);
    private static final Map<String, String> HEADERS =
            Map.of("Accept", "image/*", "User-Agent", "Lyceum (+https://github.com/lyceum)");

    /** An actor's row as stored: the icon and banner URLs that have no copy yet (null: none to fetch). */
    record Wanted(boolean group, UUID id, String apId, @Nullable String iconUrl, @Nullable String bannerUrl) {}

    private final Sql sql;
    private final SafeFetcher fetcher;
    private final DomainPolicy policy;
    private final Uploads uploads;
    private final MediaConfig config;
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final AtomicInteger pending = new AtomicInteger();
    private volatile boolean enabled;

    RemoteImages(Sql sql, SafeFetcher fetcher, DomainPolicy policy, Uploads uploads, MediaConfig config) {
        this.sql = sql;
        this.fetcher = fetcher;
        this.policy = policy;
        this.uploads = uploads;
        this.config = config;
        this.enabled = config.cacheRemote();
    }

    /** Tests turn copying on and off without a profile of their own. */
    void enable(boolean on) {
        enabled = on;
    }

    /** Copies still running (tests wait for none). */
    int pending() {
        return pending.get();
    }

    /** Starts copying what the stored row wants, on the current Vert.x context; returns at once. */
    void refresh(Wanted wanted) {
        if (!enabled) {
            return;
        }
        pending.incrementAndGet();
        Runnable start = () -> Uni.createFrom()
                .deferred(() -> copy(wanted))
                .onTermination()
                .invoke(pending::decrementAndGet)
                .subscribe()
                .with(ok -> {}, e -> LOG.warnf(e, "Could not copy the images of %s", wanted.apId()));
        Context context = Vertx.currentContext();
        if (context != null) {
            context.runOnContext(ignored -> start.run());
        } else {
            start.run();
        }
    }

    private Uni<Void> copy(Wanted w) {
        if (!policy.takesMediaFrom(Authority.of(URI.create(w.apId())))) {
            // Copies made before the block stop being shown; the cleanup job removes their files.
            return sql.run(
                            "update " + table(w) + " set icon_id = null, banner_id = null where id = $1"
                                    + " and host is not null and (icon_id is not null or banner_id is not null)",
                            w.id())
                    .replaceWithVoid();
        }
        return image(w, MediaPurpose.ICON, "icon", w.iconUrl())
                .chain(() -> image(w, MediaPurpose.BANNER, "banner", w.bannerUrl()));
    }

    private Uni<Void> image(Wanted w, MediaPurpose purpose, String column, @Nullable String url) {
        if (url == null) {
            return Uni.createFrom().voidItem();
        }
        String key = w.id() + "/" + column;
        if (!running.add(key)) {
            return Uni.createFrom().voidItem(); // a copy of the same image is under way
        }
        return Uni.createFrom()
                .deferred(() -> {
                    URI uri = ActorFields.uri(url);
                    String host = Authority.of(uri);
                    if (policy.suspended(host) || !policy.takesMediaFrom(host)) {
                        throw FetchRefusedException.policy(host + " is blocked or its media rejected");
                    }
                    return fetcher.get(uri, HEADERS, purpose.maxSize(config));
                })
                .chain(fetched -> {
                    if (fetched.status() != 200) {
                        throw new FetchRefusedException("answered " + fetched.status());
                    }
                    return uploads.storeRemote(purpose, fetched.body(), column);
                })
                .chain(media -> sql.run(
                                "update " + table(w) + " set " + column + "_id = $1 where id = $2 and host is not null"
                                        + " and " + column + "_url = $3",
                                media.id(),
                                w.id(),
                                url)
                        .invoke(n ->
                                LOG.debugf("copied the %s of %s from %s as %s", column, w.apId(), url, media.id())))
                .replaceWithVoid()
                .onFailure()
                .recoverWithItem(e -> {
                    if (e instanceof FetchRefusedException
                            || e instanceof DomainException
                            || e instanceof java.io.IOException
                            || e instanceof io.vertx.core.VertxException) {
                        LOG.warnf("Not copying the %s of %s from %s: %s", column, w.apId(), url, e.getMessage());
                    } else {
                        LOG.warnf(e, "Could not copy the %s of %s from %s", column, w.apId(), url);
                    }
                    return null;
                })
                .eventually(() -> running.remove(key));
    }

    private static String table(Wanted w) {
        return w.group() ? "community" : "person";
    }
}
