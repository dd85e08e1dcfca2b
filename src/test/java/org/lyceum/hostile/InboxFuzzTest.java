package org.lyceum.hostile;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lyceum.common.GlobalId;
import org.lyceum.support.Api;
import org.lyceum.support.Rows;

/**
 * Hostile bodies to the inboxes: unsigned, badly signed, and signed by a real (stub) server but
 * malformed in every way a JSON field can be. Answers must be 202 or a 4xx with a reason; what
 * was taken must be processed without a programming error (an NPE retried ten times is a bug),
 * and nothing may be logged at ERROR.
 */
@QuarkusTest
class InboxFuzzTest {

    private static final String[] TYPES = {
        "Create", "Update", "Delete", "Like", "Undo", "Follow", "Accept", "Reject", "Announce", "Flag", "Block"
    };
    /**
     * Exceptions that only a bug throws; a retried fetch failure is not one of them, nor the
     * IllegalStateException handlers throw on purpose to retry (an object that is not here yet).
     */
    private static final String BUGS =
            "NullPointer|ClassCast|IllegalArgument|IndexOutOfBounds|UnsupportedOperation|NumberFormat|"
                    + "StackOverflow|Arithmetic|NoSuchElement";

    static Peer peer;

    @Inject
    DataSource db;

    @BeforeAll
    static void start() {
        peer = new Peer();
    }

    @AfterAll
    static void stop() {
        peer.close();
    }

    private static List<String> inboxes() {
        String person =
                GlobalId.uuid("id", Api.user("inboxfuzz").personId(), "Person").toString();
        return List.of("/inbox", "/people/" + person + "/inbox");
    }

    @Test
    void unsignedAndMalformedBodiesAreRefusedWithAReason() {
        Probe probe = new Probe(java.net.URI.create("http://unused"));
        try (ErrorLog log = ErrorLog.watch()) {
            String like = "{\"id\":\"" + peer.origin() + "/a/1\",\"type\":\"Like\",\"actor\":\"" + peer.actorId()
                    + "\",\"object\":\"https://lyceum.test/objects/" + UUID.randomUUID() + "\"}";
            Map<String, String> bodies = new LinkedHashMap<>();
            bodies.put("empty", "");
            bodies.put("truncated JSON", like.substring(0, like.length() / 2));
            bodies.put("10 000 nested arrays", "[".repeat(10_000) + "]".repeat(10_000));
            bodies.put("10 000 nested objects", "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000));
            bodies.put("just over the inbox limit", "{\"id\":\"" + "a".repeat(262_200) + "\"}");
            bodies.put("just over the HTTP limit", "{\"id\":\"" + "a".repeat(1_048_600) + "\"}");
            bodies.put("an array", "[" + like + "]");
            bodies.put("a string", "\"Like\"");
            bodies.put("a number", "1e400");
            bodies.put("null", "null");
            bodies.put("no type", like.replace("\"type\":\"Like\",", ""));
            bodies.put("a number for the type", like.replace("\"Like\"", "5"));
            bodies.put("an object for the type", like.replace("\"Like\"", "{\"a\":1}"));
            bodies.put("an empty list for the type", like.replace("\"Like\"", "[]"));
            bodies.put("a number for the actor", like.replace("\"" + peer.actorId() + "\"", "7"));
            bodies.put("an empty list for the actor", like.replace("\"" + peer.actorId() + "\"", "[]"));
            bodies.put("an actor that is not a URL", like.replace(peer.actorId(), "javascript:alert(1)"));
            bodies.put("a number for the id", like.replaceFirst("\"id\":\"[^\"]*\"", "\"id\":5"));
            bodies.put("a lone surrogate", like.replace("Like", "Like\\ud800"));
            bodies.put("NUL in the type", like.replace("Like", "Li\\u0000ke"));
            for (String inbox : inboxes()) {
                // Past the HTTP limit the server answers 413 and closes while a client may still be
                // writing (a broken pipe on its side), so that body goes the way a careful client sends
                // a large one: after asking with Expect: 100-continue.
                bodies.forEach((label, body) -> post(
                        probe,
                        inbox + " unsigned (" + label + ")",
                        inbox,
                        body,
                        body.length() > 1_048_576 ? Map.of("Expect", "100-continue") : Map.of()));
            }
            post(
                    probe,
                    "an inbox of a person that does not exist",
                    "/people/" + UUID.randomUUID() + "/inbox",
                    like,
                    Map.of());
            post(probe, "an inbox of a person id that is not a UUID", "/people/%00%ff/inbox", like, Map.of());
            assertEquals("", probe.report("unsigned inbox bodies"));
            assertEquals(List.of(), log.errors(), "logged at ERROR");
        }
    }

    @Test
    void badSignaturesAreRefusedWithAReason() {
        Probe probe = new Probe(java.net.URI.create("http://unused"));
        try (ErrorLog log = ErrorLog.watch()) {
            String like = "{\"id\":\"" + peer.origin() + "/a/" + UUID.randomUUID() + "\",\"type\":\"Like\",\"actor\":\""
                    + peer.actorId() + "\",\"object\":\"https://lyceum.test/objects/" + UUID.randomUUID() + "\"}";
            Map<String, String> good = peer.sign("/inbox", Peer.bytes(like));
            List<Map<String, String>> bad = new ArrayList<>();
            bad.add(Map.of("Signature", "garbage"));
            bad.add(Map.of("Signature", "keyId=\"\",signature=\"\""));
            bad.add(Map.of("Signature", "keyId=\"javascript:x\",headers=\"(request-target)\",signature=\"!!!\""));
            bad.add(Map.of(
                    "Signature",
                    "keyId=\"http://127.0.0.1:1/k\",headers=\"date\",signature=\"AAAA\"",
                    "Date",
                    "yesterday"));
            bad.add(Map.of("Signature-Input", "sig1=(\"@method\";keyid=\"x\"", "Signature", "sig1=:AAAA:"));
            bad.add(Map.of("Signature-Input", "sig1=()", "Signature", "sig1=:!!!:"));
            Map<String, String> tamperedDigest = new LinkedHashMap<>(good);
            tamperedDigest.put("Digest", "SHA-256=AAAA");
            bad.add(tamperedDigest);
            Map<String, String> otherKey = new LinkedHashMap<>(good);
            otherKey.put("Signature", good.get("Signature").replace("#main-key", "#other-key"));
            bad.add(otherKey);
            Map<String, String> hugeHeader = new LinkedHashMap<>(good);
            hugeHeader.put("Signature", good.get("Signature") + ",x=\"" + "a".repeat(6_000) + "\"");
            bad.add(hugeHeader);
            for (Map<String, String> headers : bad) {
                post(probe, "/inbox badly signed", "/inbox", like + " headers " + headers.keySet(), headers, like);
            }
            assertEquals("", probe.report("badly signed inbox bodies"));
            assertEquals(List.of(), log.errors(), "logged at ERROR");
        }
    }

    @Test
    void signedButMalformedActivitiesAreTakenOrRefusedAndNeverFailAsBugs() {
        Probe probe = new Probe(java.net.URI.create("http://unused"));
        try (ErrorLog log = ErrorLog.watch()) {
            String typeless = peer.origin() + "/objects/typeless";
            peer.documents.put(
                    "/objects/typeless", "{\"id\":\"" + typeless + "\",\"attributedTo\":\"" + peer.actorId() + "\"}");
            List<String> objects = List.of(
                    "null",
                    "5",
                    "\"\"",
                    "[]",
                    "[null]",
                    "{}",
                    "true",
                    "{\"type\":null,\"id\":\"" + peer.origin() + "/objects/1\",\"attributedTo\":\"" + peer.actorId()
                            + "\"}",
                    "{\"type\":5,\"id\":\"" + peer.origin() + "/objects/2\",\"attributedTo\":\"" + peer.actorId()
                            + "\"}",
                    "{\"type\":[],\"id\":\"" + peer.origin() + "/objects/3\",\"attributedTo\":\"" + peer.actorId()
                            + "\"}",
                    "{\"type\":\"Note\",\"id\":5,\"content\":5,\"to\":5,\"inReplyTo\":[[]],\"published\":\"x\"}",
                    "{\"type\":\"Note\",\"id\":\"" + peer.origin()
                            + "/objects/4\",\"attributedTo\":[],\"content\":{\"a\":1}}",
                    "{\"type\":\"Page\",\"id\":\"" + peer.origin() + "/objects/5\",\"attributedTo\":\"" + peer.actorId()
                            + "\",\"name\":[1],\"audience\":{\"id\":5},\"to\":[{},null,7],\"published\":\"+999999999-12-31T00:00:00Z\"}",
                    "\"" + typeless + "\"",
                    "\"javascript:alert(1)\"",
                    "\"https://lyceum.test/objects/" + UUID.randomUUID() + "\"",
                    "\"" + peer.origin() + "/objects/missing\"",
                    "[" + "\"x\",".repeat(1_000) + "\"x\"]");
            List<String> taken = new ArrayList<>();
            for (String type : TYPES) {
                for (String object : objects) {
                    String id = peer.origin() + "/activities/" + UUID.randomUUID();
                    String body = "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"actor\":\"" + peer.actorId()
                            + "\",\"object\":" + object + "}";
                    if (post(probe, "/inbox signed " + type, "/inbox", body, peer.sign("/inbox", Peer.bytes(body)))
                            == 202) {
                        taken.add(id);
                    }
                }
            }
            assertEquals("", probe.report("signed malformed activities"));
            assertTrue(taken.size() > 50, "most were taken: " + taken.size());
            List<String> bugs = processed(taken);
            assertEquals(List.of(), bugs, "activities whose processing failed with a programming error");
            assertEquals(List.of(), log.errors(), "logged at ERROR");
        }
    }

    /** Waits until every activity was tried at least once; the errors that name a bug. */
    private List<String> processed(List<String> ids) {
        String in =
                "select count(*) from inbox_activity where ap_id = any(?::text[]) and state = 'PENDING' and error is null";
        Object array = ids.toArray(String[]::new);
        long end = System.nanoTime() + 30_000_000_000L;
        while (Rows.count(db, in, array) > 0) {
            assertTrue(System.nanoTime() < end, "waited 30 s for the inbox to process " + ids.size() + " activities");
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        List<String> bugs = new ArrayList<>();
        for (String id : ids) {
            String row = Rows.string(
                    db,
                    "select type || ' ' || body || ' -> ' || state || ': ' || coalesce(error, '')"
                            + " from inbox_activity where ap_id = ? and error ~ ?",
                    id,
                    BUGS);
            if (row != null) {
                bugs.add(Probe.shorten(row));
            }
        }
        return bugs;
    }

    private static int post(Probe probe, String label, String path, String body, Map<String, String> headers) {
        return post(probe, label, path, body, headers, body);
    }

    private static int post(
            Probe probe, String label, String path, String input, Map<String, String> headers, String body) {
        Response r = given().headers(headers)
                .contentType("application/activity+json")
                .body(Peer.bytes(body))
                .post(path);
        probe.judged(label, input, r.statusCode(), r.body().asString());
        return r.statusCode();
    }
}
