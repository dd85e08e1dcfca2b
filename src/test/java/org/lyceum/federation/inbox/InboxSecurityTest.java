package org.lyceum.federation.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lyceum.common.GlobalId;
import org.lyceum.support.Api;
import org.lyceum.support.Rows;

/** What inboxes refuse, and why: signatures, keys, origins, and malformed or oversized bodies. */
@QuarkusTest
class InboxSecurityTest extends InboxFixture {

    @Test
    void badSignaturesAreRefusedWith401() {
        JsonObject like = activity("Like", mallory, "https://lyceum.test/objects/" + UUID.randomUUID());
        byte[] body = StubPeer.bytes(like);
        URI target = URI.create("https://lyceum.test/inbox");
        assertEquals(401, post("/inbox", body, Map.of()).statusCode(), "unsigned");

        Map<String, String> headers = peer.sign("mallory", target, body, false, Clock.systemUTC());
        byte[] tampered = StubPeer.bytes(like.copy().put("object", "https://lyceum.test/objects/other"));
        Response r = post("/inbox", tampered, headers);
        assertEquals(401, r.statusCode(), "a body that is not the signed one");
        assertTrue(
                r.body().asString().toLowerCase(java.util.Locale.ROOT).contains("digest"),
                r.body().asString());

        Clock twoHoursAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC);
        assertEquals(
                401,
                post("/inbox", body, peer.sign("mallory", target, body, false, twoHoursAgo))
                        .statusCode(),
                "stale, cavage");
        assertEquals(
                401,
                post("/inbox", body, peer.sign("mallory", target, body, true, twoHoursAgo))
                        .statusCode(),
                "stale, RFC 9421");

        // A key nobody published: the stub signs as mallory with a key it then forgets.
        StubPeer forger = new StubPeer();
        try {
            forger.actor("mallory", "Person");
            Map<String, String> forged =
                    new java.util.HashMap<>(forger.sign("mallory", target, body, false, Clock.systemUTC()));
            forged.put("Signature", forged.get("Signature").replace(forger.actorId("mallory"), mallory));
            assertEquals(401, post("/inbox", body, forged).statusCode(), "signed with a key that is not mallory's");
        } finally {
            forger.close();
        }
        assertEquals(0, Rows.count(db, "select count(*) from inbox_activity where ap_id = ?", like.getString("id")));
    }

    @Test
    void anEd25519MultikeyVerifiesRfc9421Signatures() {
        String edna = peer.actor("edna" + UUID.randomUUID().toString().substring(0, 6), "Person");
        String name = edna.substring(edna.lastIndexOf('/') + 1);
        peer.ed25519(name);
        JsonObject dance = activity("Dance", edna, "https://lyceum.test/actor");
        byte[] body = StubPeer.bytes(dance);
        Response r = post("/inbox", body, peer.signEd25519(name, URI.create("https://lyceum.test/inbox"), body));
        assertEquals(202, r.statusCode(), r.body().asString());
        assertEquals(
                1,
                Rows.count(
                        db,
                        "select count(*) from actor_extra_key where actor_id = ? and key_id = ?",
                        edna,
                        edna + "#ed25519-key"));
        JsonObject tampered = activity("Dance", edna, "https://lyceum.test/actor");
        assertEquals(
                401,
                post(
                                "/inbox",
                                StubPeer.bytes(tampered),
                                peer.signEd25519(name, URI.create("https://lyceum.test/inbox"), body))
                        .statusCode(),
                "the Ed25519 signature covers the body's digest");
    }

    @Test
    void aRotatedKeyIsFetchedAgainOnce() {
        String rotor = peer.actor("rotor" + UUID.randomUUID().toString().substring(0, 6), "Person");
        String name = rotor.substring(rotor.lastIndexOf('/') + 1);
        JsonObject first = activity("Dance", rotor, "https://lyceum.test/actor");
        assertEquals(202, signed(name, "/inbox", first, false).statusCode());
        int fetches = peer.actorFetches.get();
        peer.actor(name, "Person");
        JsonObject second = activity("Dance", rotor, "https://lyceum.test/actor");
        assertEquals(202, signed(name, "/inbox", second, true).statusCode(), "verified after fetching the new key");
        assertEquals(fetches + 1, peer.actorFetches.get(), "fetched once more");
        processed(second.getString("id"));
        assertTrue(state(second.getString("id")).startsWith("IGNORED"), "unknown types are taken and ignored");

        // A forger signing as rotor with its own key: refused, and within the cooldown the key is not fetched again.
        StubPeer forger = new StubPeer();
        try {
            forger.actor(name, "Person");
            JsonObject forged = activity("Dance", rotor, "https://lyceum.test/actor");
            byte[] body = StubPeer.bytes(forged);
            Map<String, String> headers = new java.util.HashMap<>(
                    forger.sign(name, URI.create("https://lyceum.test/inbox"), body, false, Clock.systemUTC()));
            headers.put("Signature", headers.get("Signature").replace(forger.actorId(name), rotor));
            for (int i = 0; i < 3; i++) {
                Response r = post("/inbox", body, headers);
                assertEquals(401, r.statusCode());
                assertTrue(
                        r.body().asString().contains("fetched again less than"),
                        r.body().asString());
            }
            assertEquals(fetches + 1, peer.actorFetches.get(), "no fetch for forged requests within the cooldown");
        } finally {
            forger.close();
        }
    }

    @Test
    void forgedOriginsAreRefused() {
        JsonObject impersonation = activity("Like", "https://victim.example/users/bob", "https://lyceum.test/objects/x")
                .put("id", "https://victim.example/likes/1");
        Response r = signed("mallory", "/inbox", impersonation, false);
        assertEquals(403, r.statusCode());
        assertTrue(r.body().asString().contains("is not the signer"), r.body().asString());

        JsonObject foreignObject = activity(
                "Create",
                mallory,
                new JsonObject()
                        .put("id", "https://victim.example/notes/1")
                        .put("type", "Note")
                        .put("attributedTo", mallory)
                        .put("content", "I am the victim"));
        r = signed("mallory", "/inbox", foreignObject, false);
        assertEquals(403, r.statusCode());
        assertTrue(
                r.body().asString().contains("not on the actor's host"),
                r.body().asString());

        JsonObject foreignId = activity(
                        "Update", mallory, new JsonObject().put("id", mallory).put("type", "Person"))
                .put("id", "https://victim.example/activities/1");
        assertEquals(
                403,
                signed("mallory", "/inbox", foreignId, false).statusCode(),
                "the activity id must be the actor's host's");
        assertEquals(0, Rows.count(db, "select count(*) from inbox_activity where body like '%victim.example%'"));

        // A non-web id names the actor's host but is no place of it.
        String host = java.net.URI.create(mallory).getRawAuthority();
        JsonObject scriptObject = activity(
                "Create",
                mallory,
                new JsonObject()
                        .put("id", "javascript://" + host + "/notes/1")
                        .put("type", "Note")
                        .put("attributedTo", mallory)
                        .put("content", "click me"));
        r = signed("mallory", "/inbox", scriptObject, false);
        assertEquals(403, r.statusCode(), "only http(s) ids have an origin");
        assertTrue(
                r.body().asString().contains("not on the actor's host"),
                r.body().asString());
    }

    @Test
    void aRequestSignedForAnotherServerDoesNotVerifyHere() {
        JsonObject like = activity("Like", mallory, "https://lyceum.test/objects/" + UUID.randomUUID());
        byte[] body = StubPeer.bytes(like);
        // Signed, Host header and all, for the same path on another server, then replayed to us.
        Map<String, String> headers = peer.sign(
                "mallory",
                java.net.URI.create("https://other.example/inbox"),
                body,
                false,
                java.time.Clock.systemUTC());
        Response r = post("/inbox", body, headers);
        assertEquals(
                401,
                r.statusCode(),
                "the signed host must be this server: " + r.body().asString());
        assertEquals(0, Rows.count(db, "select count(*) from inbox_activity where ap_id = ?", like.getString("id")));
    }

    @Test
    void aStrayDocumentOnTheSameHostCannotSpeakForItsActors() {
        String victim = peer.actor("victim" + UUID.randomUUID().toString().substring(0, 6), "Person");
        String name = victim.substring(victim.lastIndexOf('/') + 1);
        assertEquals(
                202,
                signed(name, "/inbox", activity("Dance", victim, "https://lyceum.test/actor"), false)
                        .statusCode());
        String storedKey = Rows.string(db, "select public_pem from actor_key where actor_id = ?", victim);

        // An upload on the victim's host: JSON naming the victim, with the attacker's key.
        java.security.KeyPair attacker = StubPeer.newKey();
        String keyId = peer.origin() + "/media/upload.json#k";
        peer.documents.put("/media/upload.json", peer.document(victim, keyId, attacker));
        JsonObject like = activity("Like", victim, "https://lyceum.test/objects/" + UUID.randomUUID());
        byte[] body = StubPeer.bytes(like);
        Response r =
                post("/inbox", body, StubPeer.signWith(attacker, keyId, URI.create("https://lyceum.test/inbox"), body));
        assertEquals(401, r.statusCode(), r.body().asString());
        assertEquals(
                storedKey,
                Rows.string(db, "select public_pem from actor_key where actor_id = ?", victim),
                "the victim's key is untouched");

        java.security.KeyPair own = StubPeer.newKey();
        String ownKey = "https://lyceum.test/communities/" + UUID.randomUUID() + "#main-key";
        r = post("/inbox", body, StubPeer.signWith(own, ownKey, URI.create("https://lyceum.test/inbox"), body));
        assertEquals(401, r.statusCode());
        assertTrue(
                r.body().asString().contains("key of this instance"), r.body().asString());
    }

    @Test
    void aGroupCannotSpeakForPeopleOfThisInstanceOrOfOtherHosts() {
        Api.User local = Api.user("local");
        String group = peer.actor("grp" + UUID.randomUUID().toString().substring(0, 6), "Group");
        String groupName = group.substring(group.lastIndexOf('/') + 1);
        String localActor = "https://lyceum.test/people/" + GlobalId.uuid("id", local.personId(), "Person");
        JsonObject fakeLike =
                activity("Like", localActor, peer.origin() + "/notes/1").put("id", "https://lyceum.test/likes/fake");
        JsonObject announce = activity("Announce", group, fakeLike);
        assertEquals(202, signed(groupName, "/inbox", announce, false).statusCode());
        processed(announce.getString("id"));
        assertTrue(
                state(announce.getString("id"))
                        .startsWith("IGNORED: announces an activity of someone of this instance"),
                state(announce.getString("id")));

        // A bare object said to be by someone elsewhere is fetched from there, not taken from the group.
        String forgedNote = peer.origin() + "/notes/" + UUID.randomUUID();
        JsonObject bare = activity(
                "Announce",
                group,
                new JsonObject()
                        .put("id", forgedNote)
                        .put("type", "Note")
                        .put("attributedTo", "http://victim.invalid/users/alice")
                        .put("content", "words put in alice's mouth"));
        assertEquals(202, signed(groupName, "/inbox", bare, false).statusCode());
        await(
                "a first attempt at " + bare.getString("id"),
                () -> Rows.count(
                                db,
                                "select count(*) from inbox_activity where ap_id = ?"
                                        + " and (state <> 'PENDING' or error is not null)",
                                bare.getString("id"))
                        > 0);
        assertEquals(0, Rows.count(db, "select count(*) from content where ap_id = ?", forgedNote));
        assertTrue(!state(bare.getString("id")).startsWith("DONE"), state(bare.getString("id")));
    }

    @Test
    void malformedOversizedAndUnknownInboxesGetClearStatuses() {
        assertEquals(
                400,
                post("/inbox", "{not json".getBytes(StandardCharsets.UTF_8), Map.of())
                        .statusCode());
        assertEquals(
                400,
                post("/inbox", "{\"type\":\"Like\"}".getBytes(StandardCharsets.UTF_8), Map.of())
                        .statusCode());
        byte[] big = new byte[300_000];
        java.util.Arrays.fill(big, (byte) ' ');
        assertEquals(413, post("/inbox", big, Map.of()).statusCode());
        assertEquals(
                404,
                signed("mallory", "/people/" + UUID.randomUUID() + "/inbox", activity("Like", mallory, "x"), false)
                        .statusCode());
    }
}
