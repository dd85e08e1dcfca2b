package org.lyceum.live;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;
import org.lyceum.database.PoolTuning;
import org.lyceum.database.Sql;

/**
 * The one LISTEN connection of this instance: channel {@code lyceum_live} carries
 * {@code <kind>:<seq>} (ids only) for every row a live event comes from, from every instance of
 * the cluster, once its transaction has committed. Each payload goes to the {@link LiveKind} of
 * its prefix; after the connection was lost, each kind catches up from its rows, so nothing
 * written meanwhile is missed.
 */
@ApplicationScoped
public class LiveHub {

    static final String CHANNEL = "lyceum_live";
    private static final Logger LOG = Logger.getLogger(LiveHub.class);
    private static final long RECONNECT_MS = 1_000;
    private static final long PING_MS = 30_000;

    private final Vertx vertx;
    private final PoolTuning pools;
    private final Map<String, LiveCursor> kinds = new HashMap<>();
    private @Nullable PgSubscriber subscriber;
    private volatile boolean stopping;

    LiveHub(Vertx vertx, PoolTuning pools, Sql sql, Instance<LiveKind> kinds) {
        Objects.requireNonNull(sql, "the pools are built with Sql");
        this.vertx = vertx;
        this.pools = pools;
        for (LiveKind kind : kinds) {
            this.kinds.put(kind.prefix(), new LiveCursor(kind));
        }
    }

    void start(@Observes StartupEvent event) {
        PgConnectOptions options = Objects.requireNonNull(pools.connectOptions(), "the reactive pool is built");
        // Keepalive and a ping: a half-open connection (a NAT timeout, a failover) is noticed and replaced.
        PgSubscriber listening = PgSubscriber.subscriber(vertx, new PgConnectOptions(options).setTcpKeepAlive(true))
                .reconnectPolicy(retries -> {
                    if (retries == 0 && !stopping) {
                        LOG.warn("The LISTEN connection of live updates was lost; reconnecting");
                    }
                    return RECONNECT_MS;
                });
        listening.closeHandler(v -> {
            if (!stopping) {
                LOG.warn("The LISTEN connection of live updates closed; reconnecting");
            }
        });
        listening.channel(CHANNEL).handler(this::received).subscribeHandler(v -> {
            // (Re)subscribed: whatever was written while nobody listened is read from the rows.
            kinds.values().forEach(LiveCursor::catchUp);
        });
        subscriber = listening;
        kinds.values().forEach(this::startCursor);
        connect(listening);
        vertx.setPeriodic(PING_MS, id -> ping(listening));
    }

    /** A statement on the LISTEN connection; one that fails closes it, and the policy reconnects. */
    private void ping(PgSubscriber listening) {
        var connection = listening.actualConnection();
        if (connection == null || stopping) {
            return;
        }
        connection
                .query("select 1")
                .execute()
                .timeout(PING_MS / 2, java.util.concurrent.TimeUnit.MILLISECONDS)
                .onFailure(e -> {
                    LOG.warnf(
                            "The LISTEN connection of live updates did not answer (%s); replacing it", e.getMessage());
                    connection.close();
                });
    }

    /**
     * PgSubscriber retries only a connection it once had, and after a failed first connect() it
     * ignores the next one (it is no longer "closed"): close() resets it, then connect() again.
     */
    private void connect(PgSubscriber listening) {
        listening.connect().onFailure(e -> {
            if (!stopping) {
                LOG.warnf("Live updates could not LISTEN yet (%s); retrying in %d ms", e.getMessage(), RECONNECT_MS);
                listening
                        .close()
                        .onComplete(closed -> vertx.setTimer(RECONNECT_MS, id -> {
                            if (!stopping) {
                                connect(listening);
                            }
                        }));
            }
        });
    }

    /** Where a kind starts (its latest seq), retried until the database answers; then it catches up. */
    private void startCursor(LiveCursor cursor) {
        cursor.start().subscribe().with(ignored -> cursor.catchUp(), failure -> {
            if (!stopping) {
                LOG.warnf("Live updates could not read where to start (%s); retrying", failure.getMessage());
                vertx.setTimer(RECONNECT_MS, id -> startCursor(cursor));
            }
        });
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        PgSubscriber listening = subscriber;
        if (listening != null) {
            listening.close();
        }
    }

    private void received(String payload) {
        int colon = payload.indexOf(':');
        LiveCursor cursor = colon < 0 ? null : kinds.get(payload.substring(0, colon));
        if (cursor == null) {
            LOG.debugf("Live payload of no known kind: %s", payload);
            return;
        }
        try {
            cursor.offer(Long.parseLong(payload.substring(colon + 1)));
        } catch (NumberFormatException e) {
            LOG.debugf("Live payload without a seq: %s", payload);
        }
    }
}
