package org.lyceum.federation.inbox;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.lyceum.common.GlobalId;
import org.lyceum.federation.publish.Publisher;
import org.lyceum.support.Rows;

/**
 * What the inbox tests share: a stub server that signs like a real one (started once per test
 * class), signed POSTs to this instance's inboxes, and waiting for processing and publishing.
 */
abstract class InboxFixture {

    static final String PUBLIC = "https://www.w3.org/ns/activitystreams#Public";
    static StubPeer peer;
    static String mallory;

    @Inject
    DataSource db;

    @Inject
    Publisher publisher;

    @Inject
    org.lyceum.federation.delivery.FederationMaintenance maintenance;

    @BeforeAll
    static void start() {
        peer = new StubPeer();
        mallory = peer.actor("mallory", "Person");
    }

    @AfterAll
    static void stop() {
        peer.close();
    }

    static Response post(String path, byte[] body, Map<String, String> headers) {
        return given().headers(headers)
                .contentType("application/activity+json")
                .body(body)
                .post(path);
    }

    static Response signed(String actor, String path, JsonObject activity, boolean rfc9421) {
        byte[] body = StubPeer.bytes(activity);
        return post(
                path,
                body,
                peer.sign(actor, URI.create("https://lyceum.test" + path), body, rfc9421, Clock.systemUTC()));
    }

    static String id(String kind) {
        return peer.origin() + "/" + kind + "/" + UUID.randomUUID();
    }

    static JsonObject activity(String type, String actor, Object object) {
        return new JsonObject()
                .put("@context", "https://www.w3.org/ns/activitystreams")
                .put("id", id("activities"))
                .put("type", type)
                .put("actor", actor)
                .put("object", object);
    }

    void await(String what, BooleanSupplier condition) {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < end, "waited 20 s for " + what);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    void processed(String activityId) {
        await(
                "processing of " + activityId,
                () -> Rows.count(
                                db,
                                "select count(*) from inbox_activity where ap_id = ? and state <> 'PENDING'",
                                activityId)
                        > 0);
    }

    /**
     * Waits until the activity's row of one inbox is processed (a row that is being retried is not)
     * and gives its final state: deduplication is per inbox, so the same activity through a second
     * inbox is a row of its own, processed on its own.
     */
    String processedVia(String activityId, String inbox) {
        await(
                "processing of " + activityId + " via " + inbox,
                () -> Rows.count(
                                db,
                                "select count(*) from inbox_activity where ap_id = ? and inbox = ? and state <> 'PENDING'",
                                activityId,
                                inbox)
                        > 0);
        return Rows.string(
                db,
                "select state || coalesce(': ' || error, '') from inbox_activity where ap_id = ? and inbox = ?",
                activityId,
                inbox);
    }

    String state(String activityId) {
        return Rows.string(
                db, "select state || coalesce(': ' || error, '') from inbox_activity where ap_id = ?", activityId);
    }

    String communityApId(String globalId) {
        return "https://lyceum.test/communities/" + GlobalId.uuid("id", globalId, "Community");
    }

    String objectApId(String globalId, String type) {
        return "https://lyceum.test/objects/" + GlobalId.uuid("id", globalId, type);
    }

    /** Publishes pending activities and gives the deliveries to the stub's inboxes that mention {@code needle}. */
    long deliveredMentioning(String type, String needle) {
        publisher.drain().await().atMost(Duration.ofSeconds(20));
        return Rows.count(
                db,
                "select count(*) from delivery where inbox like ? and body like ? and body like ?",
                peer.origin() + "%",
                "%\"type\":\"" + type + "\"%",
                "%" + needle + "%");
    }

    String follow(String actor, String group) {
        JsonObject follow = activity("Follow", actor, group);
        Response r = signed(actor.substring(actor.lastIndexOf('/') + 1), "/inbox", follow, false);
        assertEquals(202, r.statusCode(), r.body().asString());
        processed(follow.getString("id"));
        return follow.getString("id");
    }
}
