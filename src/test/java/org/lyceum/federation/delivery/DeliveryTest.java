package org.lyceum.federation.delivery;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpServer;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lyceum.database.Sql;
import org.lyceum.federation.signature.CavageSignatures;
import org.lyceum.federation.signature.SignedRequest;
import org.lyceum.job.Jobs;
import org.lyceum.support.Api;
import org.lyceum.support.Rows;

/** The outbox against real HTTP servers on this machine: signed sends, retries, final refusals, the breaker, SSRF. */
@QuarkusTest
class DeliveryTest {

    private static final String SIGNER = "https://lyceum.test/actor";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static Vertx vertx;
    private static HttpServer healthy;
    private static HttpServer broken;
    private static final List<SignedRequest> received = new CopyOnWriteArrayList<>();
    private static volatile int flakyStatus = 500;
    private static HttpServer moody;
    /** How the moody peer behaves: "hang" (never answers), "close" (drops the connection) or "ok". */
    private static volatile String mood = "ok";

    private static final Map<String, Integer> moodyArrivals = new java.util.concurrent.ConcurrentHashMap<>();

    @Inject
    Outbox outbox;

    @Inject
    Sql sql;

    @Inject
    Jobs jobs;

    @Inject
    DataSource db;

    @BeforeAll
    static void stubs() {
        vertx = Vertx.vertx();
        healthy = vertx.createHttpServer()
                .requestHandler(request -> request.body().subscribe().with(body -> {
                    Map<String, String> headers = new HashMap<>();
                    request.headers().forEach(h -> headers.put(h.getKey(), h.getValue()));
                    received.add(new SignedRequest(
                            request.method().name(),
                            URI.create("http://" + request.host() + request.uri()),
                            headers,
                            body.getBytes()));
                    int status =
                            switch (request.path()) {
                                case "/inbox" -> 202;
                                case "/flaky" -> flakyStatus;
                                case "/gone" -> 404;
                                case "/rfc9421-only" -> request.getHeader("Signature-Input") != null ? 202 : 401;
                                default -> 400;
                            };
                    request.response().setStatusCode(status).endAndForget();
                }))
                .listenAndAwait(0, "127.0.0.1");
        broken = vertx.createHttpServer()
                .requestHandler(request -> request.response().setStatusCode(503).endAndForget())
                .listenAndAwait(0, "127.0.0.1");
        moody = vertx.createHttpServer()
                .requestHandler(request -> {
                    switch (mood) {
                        case "hang" -> {}
                        case "close" -> request.connection().close().subscribe().with(v -> {}, e -> {});
                        default ->
                            request.body().subscribe().with(body -> {
                                moodyArrivals.merge(
                                        new io.vertx.core.json.JsonObject(body.toString()).getString("id"),
                                        1,
                                        Integer::sum);
                                request.response().setStatusCode(202).endAndForget();
                            });
                    }
                })
                .listenAndAwait(0, "127.0.0.1");
    }

    @AfterAll
    static void stop() {
        healthy.closeAndAwait();
        broken.closeAndAwait();
        moody.closeAndAwait();
        vertx.closeAndAwait();
    }

    private static URI at(HttpServer server, String path) {
        return URI.create("http://127.0.0.1:" + server.actualPort() + path);
    }

    private int enqueue(String activity, List<URI> inboxes) {
        return sql.transaction(tx -> outbox.enqueue(
                        tx, activity, SIGNER, "{\"id\":\"" + activity + "\",\"type\":\"Create\"}", inboxes, null))
                .await()
                .atMost(WAIT);
    }

    private void work() {
        jobs.runNow(DeliveryWorker.JOB).await().atMost(WAIT);
    }

    @Test
    void deliveriesArriveOncePerInboxSignedByTheirActor() throws Exception {
        String activity = "https://lyceum.test/activities/" + UUID.randomUUID();
        URI inbox = at(healthy, "/inbox");
        assertEquals(1, enqueue(activity, List.of(inbox, inbox)));
        assertEquals(0, enqueue(activity, List.of(inbox)), "the same activity to the same inbox is written once");
        work();
        List<SignedRequest> mine = received.stream()
                .filter(r -> new String(r.body(), StandardCharsets.UTF_8).contains(activity))
                .toList();
        assertEquals(1, mine.size());
        SignedRequest request = mine.get(0);
        assertEquals("application/activity+json", request.header("content-type"));
        CavageSignatures.Parsed parsed = CavageSignatures.parse(request, Clock.systemUTC(), Duration.ofMinutes(5));
        assertEquals(SIGNER + "#main-key", parsed.keyId());
        CavageSignatures.verify(request, parsed, signerKey());
        assertEquals(
                1,
                Rows.count(
                        db,
                        "select count(*) from delivery where activity_id = ? and state = 'DELIVERED' and last_status = 202",
                        activity));
        work();
        assertEquals(
                1,
                received.stream()
                        .filter(r -> new String(r.body(), StandardCharsets.UTF_8).contains(activity))
                        .count(),
                "not again");
    }

    @Test
    void aPeerThatRefusesCavageGetsRfc9421() throws Exception {
        String activity = "https://lyceum.test/activities/" + UUID.randomUUID();
        enqueue(activity, List.of(at(healthy, "/rfc9421-only")));
        work();
        List<SignedRequest> mine = received.stream()
                .filter(r -> new String(r.body(), StandardCharsets.UTF_8).contains(activity))
                .toList();
        assertEquals(2, mine.size(), "a cavage attempt, refused with 401, then one with RFC 9421");
        assertTrue(mine.get(0).header("signature-input") == null);
        org.lyceum.federation.signature.Rfc9421Signatures.verify(
                mine.get(1),
                org.lyceum.federation.signature.Rfc9421Signatures.parse(
                        mine.get(1), Clock.systemUTC(), Duration.ofMinutes(5)),
                signerKey());
        assertEquals(
                1,
                Rows.count(
                        db, "select count(*) from delivery where activity_id = ? and state = 'DELIVERED'", activity));
    }

    @Test
    void aPeerThatHangsOrDropsConnectionsIsBackedOffAndGetsEverythingOnceItRecovers() {
        String host = "127.0.0.1:" + moody.actualPort();
        List<String> activities = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String activity = "https://lyceum.test/activities/" + UUID.randomUUID();
            activities.add(activity);
            enqueue(activity, List.of(at(moody, "/inbox")));
        }
        mood = "hang";
        work();
        assertTrue(
                Rows.count(
                                db,
                                "select count(*) from delivery where host = ? and state = 'PENDING' and next_attempt > now()"
                                        + " and last_error like '%longer than%'",
                                host)
                        >= 1,
                "a peer that never answers times out and is retried later");
        mood = "close";
        for (int round = 0; round < 3; round++) {
            Rows.execute(db, "update delivery set next_attempt = now() where host = ? and state = 'PENDING'", host);
            Rows.execute(db, "update federation_host set open_until = null where host = ?", host);
            work();
        }
        assertEquals(
                1,
                Rows.count(db, "select count(*) from federation_host where host = ? and breaker = 'OPEN'", host),
                "timeouts and dropped connections open the breaker");
        assertTrue(Rows.count(db, "select count(*) from delivery where host = ? and state = 'DELIVERED'", host) == 0);

        mood = "ok";
        Rows.execute(db, "update delivery set next_attempt = now() where host = ? and state = 'PENDING'", host);
        Rows.execute(db, "update federation_host set open_until = now() where host = ?", host);
        work();
        work();
        assertEquals(
                1,
                Rows.count(db, "select count(*) from federation_host where host = ? and breaker = 'CLOSED'", host),
                "one delivery through closes the breaker");
        for (String activity : activities) {
            assertEquals(
                    1,
                    moodyArrivals.getOrDefault(activity, 0),
                    "each arrives exactly once after recovery: " + activity);
        }
        assertEquals(6, Rows.count(db, "select count(*) from delivery where host = ? and state = 'DELIVERED'", host));
    }

    @Test
    void failuresAreRetriedAndFinalRefusalsAreNot() {
        String activity = "https://lyceum.test/activities/" + UUID.randomUUID();
        enqueue(
                activity,
                List.of(at(healthy, "/flaky"), at(healthy, "/gone"), URI.create("http://169.254.169.254/inbox")));
        flakyStatus = 500;
        work();
        assertEquals(
                1,
                Rows.count(
                        db,
                        "select count(*) from delivery where activity_id = ? and inbox like '%/flaky'"
                                + " and state = 'PENDING' and attempts = 1 and last_status = 500 and next_attempt > now()",
                        activity));
        assertEquals(
                1,
                Rows.count(
                        db,
                        "select count(*) from delivery where activity_id = ? and inbox like '%/gone'"
                                + " and state = 'FAILED' and last_status = 404",
                        activity),
                "a 404 is final");
        assertEquals(
                1,
                Rows.count(
                        db,
                        "select count(*) from delivery where activity_id = ? and inbox like '%169.254%'"
                                + " and state = 'FAILED' and last_error like '%link-local%'",
                        activity),
                "an address the guard refuses is final");
        flakyStatus = 202;
        Rows.execute(
                db, "update delivery set next_attempt = now() where activity_id = ? and state = 'PENDING'", activity);
        work();
        assertEquals(
                1,
                Rows.count(
                        db,
                        "select count(*) from delivery where activity_id = ? and inbox like '%/flaky'"
                                + " and state = 'DELIVERED' and attempts = 2",
                        activity));
    }

    @Test
    void aFailingHostOpensItsBreakerAndIsLeftAlone() {
        String host = "127.0.0.1:" + broken.actualPort();
        for (int i = 0; i < 3; i++) {
            String activity = "https://lyceum.test/activities/" + UUID.randomUUID();
            enqueue(activity, List.of(at(broken, "/a"), at(broken, "/b"), at(broken, "/c"), at(broken, "/d")));
        }
        work();
        assertEquals(
                1,
                Rows.count(
                        db,
                        "select count(*) from federation_host where host = ? and breaker = 'OPEN'"
                                + " and open_until > now() and consecutive_failures >= 5",
                        host));
        assertTrue(
                Rows.count(db, "select count(*) from delivery where host = ? and attempts = 0", host) > 0,
                "deliveries after the breaker opened were not tried");
        long before = Rows.count(db, "select sum(attempts) from delivery where host = ?", host);
        Rows.execute(db, "update delivery set next_attempt = now() where host = ?", host);
        work();
        assertEquals(
                before,
                Rows.count(db, "select sum(attempts) from delivery where host = ?", host),
                "an open breaker holds the queue");

        Api.User admin = Api.user("admin", "user", "admin");
        Api.call(admin, "{ federationStatus { host queued inFlight failed breaker state lastError } }", Map.of())
                .body("data.federationStatus.find { it.host == '" + host + "' }.breaker", equalTo("OPEN"))
                .body("data.federationStatus.find { it.host == '" + host + "' }.state", equalTo("ALIVE"))
                .body("data.federationStatus.find { it.host == '" + host + "' }.lastError", equalTo("HTTP 503"));
        Api.call(Api.user("teacher"), "{ federationStatus { host } }", Map.of())
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
    }

    @Test
    void maintenancePrunesFinishedDeliveriesAndRevivesDeadHostsThatAnswer() {
        String alive = "127.0.0.1:" + healthy.actualPort();
        String down = "127.0.0.1:" + broken.actualPort();
        for (String host : List.of(alive, down)) {
            Rows.execute(
                    db,
                    "insert into federation_host (host, state, failing_since) values (?, 'DEAD', now() - interval '4 days')"
                            + " on conflict (host) do update set state = 'DEAD', failing_since = now() - interval '4 days'",
                    host);
        }
        String old = "https://lyceum.test/activities/" + UUID.randomUUID();
        enqueue(old, List.of(at(healthy, "/old")));
        Rows.execute(
                db,
                "update delivery set state = 'DELIVERED', delivered_at = now() - interval '8 days' where activity_id = ?",
                old);
        String received = "https://remote.example/activities/" + UUID.randomUUID();
        Rows.execute(
                db,
                "insert into inbox_activity (inbox, ap_id, actor, type, body, state, received_at) values"
                        + " ('https://lyceum.test/inbox', ?, 'https://remote.example/users/x', 'Like', '{}', 'DONE', now() - interval '8 days')",
                received);
        jobs.runNow(FederationMaintenance.JOB).await().atMost(WAIT);
        assertEquals(0, Rows.count(db, "select count(*) from delivery where activity_id = ?", old));
        assertEquals(
                0,
                Rows.count(db, "select count(*) from inbox_activity where ap_id = ?", received),
                "old received ids go too");
        assertEquals(
                1, Rows.count(db, "select count(*) from federation_host where host = ? and state = 'ALIVE'", alive));
        assertEquals(
                1,
                Rows.count(db, "select count(*) from federation_host where host = ? and state = 'DEAD'", down),
                "a host that answers 503 stays dead");
        Rows.execute(db, "update federation_host set state = 'ALIVE' where host = ?", down);
    }

    /** A peer that answers every request with 503, counting them. */
    private static HttpServer failing(java.util.concurrent.atomic.AtomicInteger arrivals) {
        return vertx.createHttpServer()
                .requestHandler(request -> {
                    arrivals.incrementAndGet();
                    request.response().setStatusCode(503).endAndForget();
                })
                .listenAndAwait(0, "127.0.0.1");
    }

    /**
     * dead-after (3 days): a host whose failures began more than three days ago, with no success
     * since, is marked DEAD at its next failure and then skipped; one failing for a little less is
     * not. The clock is reached by moving failing_since back in the database.
     */
    @Test
    void aHostFailingForThreeDaysWithoutASuccessIsMarkedDeadAndSkipped() {
        var deadArrivals = new java.util.concurrent.atomic.AtomicInteger();
        var aliveArrivals = new java.util.concurrent.atomic.AtomicInteger();
        HttpServer dying = failing(deadArrivals);
        HttpServer struggling = failing(aliveArrivals);
        String dead = "127.0.0.1:" + dying.actualPort();
        String alive = "127.0.0.1:" + struggling.actualPort();
        try {
            String health = "insert into federation_host (host, consecutive_failures, failing_since, last_error_at,"
                    + " last_success_at) values (?, 1, now() - cast(? as interval), now() - interval '1 hour',"
                    + " now() - interval '5 days')";
            Rows.execute(db, health, dead, "3 days 1 hour");
            Rows.execute(db, health, alive, "2 days 23 hours");
            enqueue(
                    "https://lyceum.test/activities/" + UUID.randomUUID(),
                    List.of(at(dying, "/inbox"), at(struggling, "/inbox")));
            work();
            assertEquals(1, deadArrivals.get());
            assertEquals(1, aliveArrivals.get());
            assertEquals("DEAD", Rows.string(db, "select state from federation_host where host = ?", dead));
            assertEquals(
                    "ALIVE",
                    Rows.string(db, "select state from federation_host where host = ?", alive),
                    "failing for less than dead-after");

            enqueue(
                    "https://lyceum.test/activities/" + UUID.randomUUID(),
                    List.of(at(dying, "/inbox"), at(struggling, "/inbox")));
            Rows.execute(
                    db,
                    "update delivery set next_attempt = now() where host in (?, ?) and state = 'PENDING'",
                    dead,
                    alive);
            work();
            assertEquals(1, deadArrivals.get(), "a dead host is not sent to");
            assertEquals(0, Rows.count(db, "select count(*) from delivery where host = ? and attempts > 1", dead));
            assertEquals(3, aliveArrivals.get(), "a live one is");
            Api.call(Api.user("admin", "user", "admin"), "{ federationStatus { host state } }", Map.of())
                    .body("data.federationStatus.find { it.host == '" + dead + "' }.state", equalTo("DEAD"))
                    .body("data.federationStatus.find { it.host == '" + alive + "' }.state", equalTo("ALIVE"));
        } finally {
            Rows.execute(
                    db, "update delivery set state = 'FAILED' where host in (?, ?) and state = 'PENDING'", dead, alive);
            dying.closeAndAwait();
            struggling.closeAndAwait();
        }
    }

    /**
     * give-up-after (2 days): a delivery failing more than two days after it was written is given
     * up (FAILED) at its next failure; one written a little less long ago is retried. The clock is
     * reached by moving created_at back in the database.
     */
    @Test
    void aDeliveryStillFailingTwoDaysAfterItWasWrittenIsGivenUp() {
        var arrivals = new java.util.concurrent.atomic.AtomicInteger();
        HttpServer down = failing(arrivals);
        try {
            String old = "https://lyceum.test/activities/" + UUID.randomUUID();
            String young = "https://lyceum.test/activities/" + UUID.randomUUID();
            enqueue(old, List.of(at(down, "/inbox")));
            enqueue(young, List.of(at(down, "/inbox")));
            Rows.execute(
                    db, "update delivery set created_at = now() - interval '2 days 1 hour' where activity_id = ?", old);
            Rows.execute(
                    db,
                    "update delivery set created_at = now() - interval '1 day 23 hours' where activity_id = ?",
                    young);
            work();
            assertEquals(2, arrivals.get(), "both were tried");
            assertEquals(
                    1,
                    Rows.count(
                            db,
                            "select count(*) from delivery where activity_id = ? and state = 'FAILED'"
                                    + " and attempts = 1 and last_status = 503 and claim is null",
                            old),
                    "given up");
            assertEquals(
                    1,
                    Rows.count(
                            db,
                            "select count(*) from delivery where activity_id = ? and state = 'PENDING'"
                                    + " and attempts = 1 and last_status = 503 and next_attempt > now()",
                            young),
                    "retried later");
        } finally {
            Rows.execute(
                    db,
                    "update delivery set state = 'FAILED' where host = ? and state = 'PENDING'",
                    "127.0.0.1:" + down.actualPort());
            down.closeAndAwait();
        }
    }

    private PublicKey signerKey() throws Exception {
        String pem = sql.one(
                        "select public_pem from actor_key where actor_id = $1", r -> r.getString("public_pem"), SIGNER)
                .await()
                .atMost(WAIT);
        return KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getMimeDecoder()
                        .decode(pem.replace("-----BEGIN PUBLIC KEY-----", "")
                                .replace("-----END PUBLIC KEY-----", ""))));
    }
}
