package org.lyceum.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpServer;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.lyceum.support.TestDatabase;

/**
 * Two Lyceum processes share one outbox of 3 000 deliveries to 10 hosts (stub inboxes in this JVM
 * that answer after 20 ms). One process is killed (kill -9, at a failpoint right after it claimed
 * a round) mid-fan-out; its hosts pass to the other within one lease. Every delivery arrives, a
 * repeat only where a claim ran out after the send, and no host ever sees more requests at once
 * than one instance may send it: each host's queue had one owner at a time.
 */
class DeliveryClusterIT {

    private static final Logger LOG = Logger.getLogger(DeliveryClusterIT.class);
    private static final int HOSTS = 10;
    private static final int PER_HOST = 300;
    private static final int IN_FLIGHT = 4;

    @Test
    void everyDeliveryArrivesOnceThroughAKilledInstance() throws Exception {
        TestDatabase db = TestDatabase.create();
        Vertx vertx = Vertx.vertx();
        Map<String, AtomicInteger> arrivals = new ConcurrentHashMap<>();
        Map<Integer, AtomicInteger> maxInFlight = new java.util.HashMap<>(); // filled before the app starts
        List<HttpServer> servers = new ArrayList<>();
        List<AppProcess> apps = new ArrayList<>();
        try {
            for (int h = 0; h < HOSTS; h++) {
                AtomicInteger now = new AtomicInteger();
                AtomicInteger max = new AtomicInteger();
                HttpServer server = vertx.createHttpServer()
                        .requestHandler(request -> {
                            int current = now.incrementAndGet();
                            max.accumulateAndGet(current, Math::max);
                            request.body()
                                    .subscribe()
                                    .with(body -> vertx.setTimer(20, t -> {
                                        now.decrementAndGet();
                                        String text = body.toString();
                                        String id = text.substring(
                                                text.indexOf("\"id\":\"") + 6, text.indexOf("\",\"type\""));
                                        arrivals.computeIfAbsent(id + " " + request.host(), k -> new AtomicInteger())
                                                .incrementAndGet();
                                        request.response().setStatusCode(202).endAndForget();
                                    }));
                        })
                        .listenAndAwait(0, "127.0.0.1");
                servers.add(server);
                maxInFlight.put(server.actualPort(), max);
            }
            Map<String, String> env = new java.util.HashMap<>(AppProcess.databaseEnv(db));
            env.putAll(Map.of(
                    "LYCEUM_FEDERATION_PRIVATE_ADDRESS_ALLOWLIST", "127.0.0.1",
                    "LYCEUM_FEDERATION_DELIVERY_LEASE", "3s",
                    "LYCEUM_FEDERATION_DELIVERY_IN_FLIGHT_PER_HOST", String.valueOf(IN_FLIGHT),
                    "LYCEUM_JOBS_ENABLED", "false"));
            // The first process migrates the schema with jobs off; the outbox is written; then both work it.
            AppProcess migrate =
                    AppProcess.start("delivery-migrate", Files.createTempDirectory("lyceum-delivery-m"), env);
            migrate.close();
            try (Connection c = db.connect()) {
                StringBuilder values = new StringBuilder();
                for (HttpServer server : servers) {
                    values.append(values.length() == 0 ? "" : ",")
                            .append("('127.0.0.1:")
                            .append(server.actualPort())
                            .append("')");
                }
                c.createStatement()
                        .execute("insert into delivery (host, inbox, activity_id, signer, body)"
                                + " select h.host, 'http://' || h.host || '/inbox', 'https://a.test/activities/' || i,"
                                + " 'http://localhost:8080/actor', '{\"id\":\"https://a.test/activities/' || i || '\",\"type\":\"Create\"}'"
                                + " from (values " + values + ") h(host), generate_series(1, " + PER_HOST + ") i");
            }
            Map<String, String> working = new java.util.HashMap<>(env);
            working.put("LYCEUM_JOBS_ENABLED", "true");
            Map<String, String> doomed = new java.util.HashMap<>(working);
            doomed.put("LYCEUM_LOCK_HOLDER", "doomed");
            doomed.put("LYCEUM_JOBS_FAILPOINTS", "delivery.after-claim=kill@60");
            Map<String, String> survivor = new java.util.HashMap<>(working);
            survivor.put("LYCEUM_LOCK_HOLDER", "survivor");
            apps.add(AppProcess.start("delivery-doomed", Files.createTempDirectory("lyceum-delivery-a"), doomed));
            apps.add(AppProcess.start("delivery-survivor", Files.createTempDirectory("lyceum-delivery-b"), survivor));

            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            long pending = Long.MAX_VALUE;
            while (System.nanoTime() < deadline && pending > 0) {
                Thread.sleep(500);
                pending = count(db, "select count(*) from delivery where state <> 'DELIVERED'");
            }
            assertFalse(apps.get(0).alive(), "the doomed instance was killed at its failpoint");
            assertEquals(0, pending, "every delivery was delivered");

            long missing = 0;
            long duplicates = 0;
            long unexplained = 0;
            Set<String> reclaimed = new HashSet<>();
            try (Connection c = db.connect();
                    ResultSet r = c.createStatement()
                            .executeQuery("select activity_id || ' ' || host, attempts from delivery")) {
                while (r.next()) {
                    String key = r.getString(1);
                    int got = arrivals.getOrDefault(key, new AtomicInteger()).get();
                    if (got == 0) {
                        missing++;
                    }
                    duplicates += Math.max(0, got - 1);
                    if (got > 1 && r.getInt(2) < 2) {
                        unexplained++;
                    }
                    if (r.getInt(2) > 1) {
                        reclaimed.add(key);
                    }
                }
            }
            int peak = maxInFlight.values().stream()
                    .mapToInt(AtomicInteger::get)
                    .max()
                    .orElse(0);
            long byDoomed = count(db, "select count(*) from delivery where claimed_by = 'doomed'");
            LOG.infof(
                    "Delivery cluster run: %d deliveries, %d missing, %d duplicates (%d unexplained), %d reclaimed,"
                            + " %d last claimed by the killed instance, peak in flight per host %d",
                    HOSTS * PER_HOST, missing, duplicates, unexplained, reclaimed.size(), byDoomed, peak);
            assertEquals(0, missing);
            assertEquals(0, unexplained, "a repeat only where a claim ran out after the send");
            assertTrue(byDoomed > 0, "the killed instance had delivered part of the fan-out");
            assertTrue(peak <= IN_FLIGHT, "one owner per host at a time: peak " + peak + " in flight");
        } finally {
            for (AppProcess app : apps) {
                app.close();
            }
            for (HttpServer server : servers) {
                server.closeAndAwait();
            }
            vertx.closeAndAwait();
        }
    }

    private static long count(TestDatabase db, String sql) throws Exception {
        try (Connection c = db.connect();
                ResultSet r = c.createStatement().executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
