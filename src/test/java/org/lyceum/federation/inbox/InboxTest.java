package org.lyceum.federation.inbox;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lyceum.common.GlobalId;
import org.lyceum.federation.publish.Publisher;
import org.lyceum.support.Api;
import org.lyceum.support.Rows;

/**
 * Inboxes against a stub server that signs like a real one: what verifies, what is refused and
 * why, what each activity does here, and what this instance sends back.
 */
@QuarkusTest
class InboxTest {

    private static final String PUBLIC = "https://www.w3.org/ns/activitystreams#Public";
    private static StubPeer peer;
    private static String mallory;

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

    private static Response post(String path, byte[] body, Map<String, String> headers) {
        return given().headers(headers).contentType("application/activity+json")
                .body(body).post(path);
    }

    private static Response signed(String actor, String path, JsonObject activity, boolean rfc9421) {
        byte[] body = StubPeer.bytes(activity);
        return post(path, body, peer.sign(actor, URI.create("https://lyceum.test" + path), body, rfc9421, Clock.systemUTC()));
    }

    private static String id(String kind) {
        return peer.origin() + "/" + kind + "/" + UUID.randomUUID();
    }

    private static JsonObject activity(String type, String actor, Object object) {
        return new JsonObject().put("@context", "https://www.w3.org/ns/activitystreams").put("id", id("activities"))
                .put("type", type).put("actor", actor).put("object", object);
    }

    private void await(String what, BooleanSupplier condition) {
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

    private void processed(String activityId) {
        await("processing of " + activityId, () -> Rows.count(db, "select count(*) from inbox_activity where ap_id = ? and state <> 'PENDING'",
                activityId) > 0);
    }

    private String state(String activityId) {
        return Rows.string(db, "select state || coalesce(': ' || error, '') from inbox_activity where ap_id = ?", activityId);
    }

    private String communityApId(String globalId) {
        return "https://lyceum.test/communities/" + GlobalId.uuid("id", globalId, "Community");
    }

    private String objectApId(String globalId, String type) {
        return "https://lyceum.test/objects/" + GlobalId.uuid("id", globalId, type);
    }

    /** Publishes pending activities and gives the deliveries to the stub's inboxes that mention {@code needle}. */
    private long deliveredMentioning(String type, String needle) {
        publisher.drain().await().atMost(Duration.ofSeconds(20));
        return Rows.count(db, "select count(*) from delivery where inbox like ? and body like ? and body like ?",
                peer.origin() + "%", "%\"type\":\"" + type + "\"%", "%" + needle + "%");
    }

    private String follow(String actor, String group) {
        JsonObject follow = activity("Follow", actor, group);
        Response r = signed(actor.substring(actor.lastIndexOf('/') + 1), "/inbox", follow, false);
        assertEquals(202, r.statusCode(), r.body().asString());
        processed(follow.getString("id"));
        return follow.getString("id");
    }

    @Test
    void aRemoteMemberFollowsPostsLikesEditsAndDeletesAndTheGroupAnnouncesIt() {
        Api.User owner = Api.user("owner");
        String community = Api.community(owner, "PUBLIC");
        String group = communityApId(community);
        String followId = follow(mallory, group);
        assertEquals("DONE", state(followId));
        assertEquals(1, Rows.count(db, "select count(*) from membership m join person p on p.id = m.person_id"
                + " where p.ap_id = ? and m.state = 'JOINED' and m.ap_id = ?", mallory, followId));
        assertEquals(1, deliveredMentioning("Accept", followId), "the Follow is accepted, to the shared inbox");
        assertEquals(1, Rows.count(db, "select count(*) from delivery where inbox = ? and signer = ?", peer.origin() + "/inbox", group));

        String thread = Api.thread(owner, community, "Fractions");
        String threadApId = objectApId(thread, "Thread");
        assertEquals(2, deliveredMentioning("Announce", threadApId), "the group announces the new thread twice:");
        assertEquals(1, Rows.count(db, "select count(*) from delivery where body like ? and body like ?", "%\"type\":\"Create\"%",
                "%\"object\":{\"id\":\"" + threadApId + "\",\"type\":\"Page\"%"), "as Announce(Create(Page))");
        assertEquals(1, Rows.count(db, "select count(*) from delivery where body like ?", "%\"object\":\"" + threadApId + "\"%"),
                "and as a bare Announce of the Page, for Mastodon");

        String noteId = id("notes");
        JsonObject note = new JsonObject().put("id", noteId).put("type", "Note").put("attributedTo", mallory)
                .put("inReplyTo", threadApId).put("content", "<p>Halves <script>alert(1)</script>first, <b>then</b> quarters &amp; more.</p>")
                .put("to", new JsonArray().add(PUBLIC)).put("cc", new JsonArray().add(group));
        JsonObject create = activity("Create", mallory, note);
        assertEquals(202, signed("mallory", "/communities/" + GlobalId.uuid("id", community, "Community") + "/inbox", create, true)
                .statusCode(), "RFC 9421 to the group's own inbox");
        processed(create.getString("id"));
        assertEquals("DONE", state(create.getString("id")));
        assertEquals("Halves first, then quarters & more.", Rows.string(db, "select body from content where ap_id = ?", noteId),
                "remote HTML is kept as plain text, scripts dropped");
        assertEquals(202, signed("mallory", "/inbox", create, false).statusCode(), "a replay is taken");
        assertEquals(1, Rows.count(db, "select count(*) from inbox_activity where ap_id = ? and inbox = 'https://lyceum.test/inbox'",
                create.getString("id")));
        processed(create.getString("id"));
        assertEquals(1, Rows.count(db, "select count(*) from content where ap_id = ?", noteId), "and has no second effect");
        assertEquals(1, Rows.count(db, "select count(*) from activity where ap_id = ?", create.getString("id")));
        assertEquals(1, deliveredMentioning("Announce", create.getString("id")), "the group announces the member's reply once");

        JsonObject like = activity("Like", mallory, threadApId);
        signed("mallory", "/inbox", like, false);
        processed(like.getString("id"));
        assertEquals(1, Rows.count(db, "select count(*) from liking where ap_id = ?", like.getString("id")));
        JsonObject undo = activity("Undo", mallory, like.copy().put("@context", (String) null));
        signed("mallory", "/inbox", undo, true);
        processed(undo.getString("id"));
        assertEquals(0, Rows.count(db, "select count(*) from liking where ap_id = ?", like.getString("id")));

        JsonObject update = activity("Update", mallory, note.copy().put("content", "<p>Quarters first.</p>"));
        signed("mallory", "/inbox", update, false);
        processed(update.getString("id"));
        assertEquals("Quarters first.", Rows.string(db, "select body from content where ap_id = ?", noteId));
        assertEquals(1, deliveredMentioning("Announce", update.getString("id")), "the edit is announced");

        JsonObject delete = activity("Delete", mallory, new JsonObject().put("id", noteId).put("type", "Tombstone"));
        signed("mallory", "/inbox", delete, false);
        processed(delete.getString("id"));
        assertEquals(1, Rows.count(db, "select count(*) from content where ap_id = ? and deleted_at is not null and body is null", noteId));
        assertEquals(1, deliveredMentioning("Announce", delete.getString("id")), "the deletion is announced too");
    }

    @Test
    void aFollowOfAPrivateCommunityWaitsForAModerator() {
        Api.User owner = Api.user("owner");
        String community = Api.community(owner, "PRIVATE");
        String grumpy = peer.actor("grumpy" + UUID.randomUUID().toString().substring(0, 6), "Person");
        String followId = follow(grumpy, communityApId(community));
        assertEquals(1, Rows.count(db, "select count(*) from membership where ap_id = ? and state = 'PENDING'", followId));
        assertEquals(0, deliveredMentioning("Accept", followId), "no Accept before a moderator approves");

        String personId = GlobalId.of("Person", UUID.fromString(Rows.string(db, "select id::text from person where ap_id = ?", grumpy)));
        Api.ok(owner, "mutation($input: DecideJoinRequestInput!) { decideJoinRequest(input: $input) { member { state } } }",
                Map.of("communityId", community, "personId", personId, "approve", true), "data.decideJoinRequest.member.state");
        assertEquals(1, deliveredMentioning("Accept", followId), "approval sends the Accept");
        String thread = objectApId(Api.thread(owner, community, "Staff meeting"), "Thread");
        assertEquals(1, deliveredMentioning("Announce", thread), "one Announce: no bare copy of a private community's thread");
        assertEquals(0, Rows.count(db, "select count(*) from delivery where body like ? and body like ?", "%" + thread + "%",
                "%#Public%"), "a private community's announces are not addressed to Public");
    }

    @Test
    void contentFromOutsidersIsNotTaken() {
        Api.User owner = Api.user("owner");
        String community = Api.community(owner, "PUBLIC");
        String outsider = peer.actor("outsider" + UUID.randomUUID().toString().substring(0, 6), "Person");
        JsonObject page = new JsonObject().put("id", id("pages")).put("type", "Page").put("attributedTo", outsider)
                .put("name", "Buy now").put("content", "spam").put("audience", communityApId(community));
        JsonObject create = activity("Create", outsider, page);
        assertEquals(202, signed(outsider.substring(outsider.lastIndexOf('/') + 1), "/inbox", create, false).statusCode());
        processed(create.getString("id"));
        assertTrue(state(create.getString("id")).startsWith("IGNORED: only members"), state(create.getString("id")));
        assertEquals(0, Rows.count(db, "select count(*) from content where ap_id = ?", page.getString("id")));
    }

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
        assertTrue(r.body().asString().toLowerCase(java.util.Locale.ROOT).contains("digest"), r.body().asString());

        Clock twoHoursAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC);
        assertEquals(401, post("/inbox", body, peer.sign("mallory", target, body, false, twoHoursAgo)).statusCode(), "stale, cavage");
        assertEquals(401, post("/inbox", body, peer.sign("mallory", target, body, true, twoHoursAgo)).statusCode(), "stale, RFC 9421");

        // A key nobody published: the stub signs as mallory with a key it then forgets.
        StubPeer forger = new StubPeer();
        try {
            forger.actor("mallory", "Person");
            Map<String, String> forged = new java.util.HashMap<>(forger.sign("mallory", target, body, false, Clock.systemUTC()));
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
        assertEquals(1, Rows.count(db, "select count(*) from actor_extra_key where actor_id = ? and key_id = ?", edna, edna + "#ed25519-key"));
        JsonObject tampered = activity("Dance", edna, "https://lyceum.test/actor");
        assertEquals(401, post("/inbox", StubPeer.bytes(tampered), peer.signEd25519(name, URI.create("https://lyceum.test/inbox"), body))
                .statusCode(), "the Ed25519 signature covers the body's digest");
    }

    @Test
    void aRotatedKeyIsFetchedAgainOnce() {
        String rotor = peer.actor("rotor" + UUID.randomUUID().toString().substring(0, 6), "Person");
        String name = rotor.substring(rotor.lastIndexOf('/') + 1);
        JsonObject first = activity("Dance", rotor, "https://lyceum.test/actor");
        assertEquals(202, signed(name, "/inbox", first, false).statusCode());
        int fetches = peer.actorFetches;
        peer.actor(name, "Person");
        JsonObject second = activity("Dance", rotor, "https://lyceum.test/actor");
        assertEquals(202, signed(name, "/inbox", second, true).statusCode(), "verified after fetching the new key");
        assertEquals(fetches + 1, peer.actorFetches, "fetched once more");
        processed(second.getString("id"));
        assertTrue(state(second.getString("id")).startsWith("IGNORED"), "unknown types are taken and ignored");
    }

    @Test
    void staleRemoteActorsAreFetchedAgainByMaintenance() {
        String renamed = peer.actor("renamed" + UUID.randomUUID().toString().substring(0, 6), "Person");
        String name = renamed.substring(renamed.lastIndexOf('/') + 1);
        assertEquals(202, signed(name, "/inbox", activity("Dance", renamed, "https://lyceum.test/actor"), false).statusCode());
        assertEquals(name + " Remote", Rows.string(db, "select display_name from person where ap_id = ?", renamed),
                "remote HTML in names is kept as text");
        peer.names.put(name, "Dr. Renamed");
        Rows.execute(db, "update person set fetched_at = now() - interval '2 days' where ap_id = ?", renamed);
        assertTrue(maintenance.refreshActors().await().atMost(Duration.ofSeconds(30)) >= 1);
        assertEquals("Dr. Renamed", Rows.string(db, "select display_name from person where ap_id = ?", renamed));
    }

    @Test
    void forgedOriginsAreRefused() {
        JsonObject impersonation = activity("Like", "https://victim.example/users/bob", "https://lyceum.test/objects/x")
                .put("id", "https://victim.example/likes/1");
        Response r = signed("mallory", "/inbox", impersonation, false);
        assertEquals(403, r.statusCode());
        assertTrue(r.body().asString().contains("is not the signer"), r.body().asString());

        JsonObject foreignObject = activity("Create", mallory, new JsonObject().put("id", "https://victim.example/notes/1")
                .put("type", "Note").put("attributedTo", mallory).put("content", "I am the victim"));
        r = signed("mallory", "/inbox", foreignObject, false);
        assertEquals(403, r.statusCode());
        assertTrue(r.body().asString().contains("not on the actor's host"), r.body().asString());

        JsonObject foreignId = activity("Update", mallory, new JsonObject().put("id", mallory).put("type", "Person"))
                .put("id", "https://victim.example/activities/1");
        assertEquals(403, signed("mallory", "/inbox", foreignId, false).statusCode(), "the activity id must be the actor's host's");
        assertEquals(0, Rows.count(db, "select count(*) from inbox_activity where body like '%victim.example%'"));
    }

    @Test
    void aStrayDocumentOnTheSameHostCannotSpeakForItsActors() {
        String victim = peer.actor("victim" + UUID.randomUUID().toString().substring(0, 6), "Person");
        String name = victim.substring(victim.lastIndexOf('/') + 1);
        assertEquals(202, signed(name, "/inbox", activity("Dance", victim, "https://lyceum.test/actor"), false).statusCode());
        String storedKey = Rows.string(db, "select public_pem from actor_key where actor_id = ?", victim);

        // An upload on the victim's host: JSON naming the victim, with the attacker's key.
        java.security.KeyPair attacker = StubPeer.newKey();
        String keyId = peer.origin() + "/media/upload.json#k";
        peer.documents.put("/media/upload.json", peer.document(victim, keyId, attacker));
        JsonObject like = activity("Like", victim, "https://lyceum.test/objects/" + UUID.randomUUID());
        byte[] body = StubPeer.bytes(like);
        Response r = post("/inbox", body, StubPeer.signWith(attacker, keyId, URI.create("https://lyceum.test/inbox"), body));
        assertEquals(401, r.statusCode(), r.body().asString());
        assertEquals(storedKey, Rows.string(db, "select public_pem from actor_key where actor_id = ?", victim), "the victim's key is untouched");

        java.security.KeyPair own = StubPeer.newKey();
        String ownKey = "https://lyceum.test/communities/" + UUID.randomUUID() + "#main-key";
        r = post("/inbox", body, StubPeer.signWith(own, ownKey, URI.create("https://lyceum.test/inbox"), body));
        assertEquals(401, r.statusCode());
        assertTrue(r.body().asString().contains("key of this instance"), r.body().asString());
    }

    @Test
    void aGroupCannotSpeakForPeopleOfThisInstanceOrOfOtherHosts() {
        Api.User local = Api.user("local");
        String group = peer.actor("grp" + UUID.randomUUID().toString().substring(0, 6), "Group");
        String groupName = group.substring(group.lastIndexOf('/') + 1);
        String localActor = "https://lyceum.test/people/" + GlobalId.uuid("id", local.personId(), "Person");
        JsonObject fakeLike = activity("Like", localActor, peer.origin() + "/notes/1").put("id", "https://lyceum.test/likes/fake");
        JsonObject announce = activity("Announce", group, fakeLike);
        assertEquals(202, signed(groupName, "/inbox", announce, false).statusCode());
        processed(announce.getString("id"));
        assertTrue(state(announce.getString("id")).startsWith("IGNORED: announces an activity of someone of this instance"),
                state(announce.getString("id")));

        // A bare object said to be by someone elsewhere is fetched from there, not taken from the group.
        String forgedNote = peer.origin() + "/notes/" + UUID.randomUUID();
        JsonObject bare = activity("Announce", group, new JsonObject().put("id", forgedNote).put("type", "Note")
                .put("attributedTo", "http://victim.invalid/users/alice").put("content", "words put in alice's mouth"));
        assertEquals(202, signed(groupName, "/inbox", bare, false).statusCode());
        await("a first attempt at " + bare.getString("id"), () -> Rows.count(db, "select count(*) from inbox_activity where ap_id = ?"
                + " and (state <> 'PENDING' or error is not null)", bare.getString("id")) > 0);
        assertEquals(0, Rows.count(db, "select count(*) from content where ap_id = ?", forgedNote));
        assertTrue(!state(bare.getString("id")).startsWith("DONE"), state(bare.getString("id")));
    }

    @Test
    void reportsAndBansTravelBothWays() {
        Api.User owner = Api.user("owner");
        String community = Api.community(owner, "PUBLIC");
        String group = communityApId(community);
        String nick = peer.actor("nick" + UUID.randomUUID().toString().substring(0, 6), "Person");
        String nickName = nick.substring(nick.lastIndexOf('/') + 1);
        follow(nick, group);
        String thread = Api.thread(owner, community, "Field trip");

        // A Flag from the other server's instance actor reaches this community's moderators.
        String reporter = peer.actor("instance" + UUID.randomUUID().toString().substring(0, 6), "Application");
        JsonObject flag = activity("Flag", reporter, new JsonArray().add(objectApId(thread, "Thread")).add("https://lyceum.test/people/x"))
                .put("content", "<p>Off topic</p>");
        assertEquals(202, signed(reporter.substring(reporter.lastIndexOf('/') + 1), "/inbox", flag, false).statusCode());
        processed(flag.getString("id"));
        assertEquals("DONE", state(flag.getString("id")));
        Api.call(owner, "query($c: ID) { reports(communityId: $c) { reason reporterHost object { id } } }", Map.of("c", community))
                .body("data.reports[0].reason", org.hamcrest.Matchers.equalTo("Off topic"))
                .body("data.reports[0].reporterHost", org.hamcrest.Matchers.equalTo(peer.origin().substring("http://".length())))
                .body("data.reports[0].object.id", org.hamcrest.Matchers.equalTo(thread));

        // Banning the remote member sends the group's Block; their Follow is then answered with Reject.
        String nickId = GlobalId.of("Person", UUID.fromString(Rows.string(db, "select id::text from person where ap_id = ?", nick)));
        Api.ok(owner, "mutation($input: BanInput!) { banFromCommunity(input: $input) { id } }",
                Map.of("communityId", community, "personId", nickId, "reason", "spam"), "data.banFromCommunity.id");
        assertEquals(0, Rows.count(db, "select count(*) from membership m join person p on p.id = m.person_id where p.ap_id = ?", nick));
        assertEquals(1, deliveredMentioning("Block", nick), "the Block goes to the banned person");
        JsonObject again = activity("Follow", nick, group);
        assertEquals(202, signed(nickName, "/inbox", again, false).statusCode());
        processed(again.getString("id"));
        assertEquals(1, deliveredMentioning("Reject", again.getString("id")));
        assertEquals(0, Rows.count(db, "select count(*) from membership m join person p on p.id = m.person_id where p.ap_id = ?", nick));

        // A remote group bans someone of ours: their membership there ends here too.
        Api.User member = Api.user("member");
        String remoteGroup = peer.actor("club" + UUID.randomUUID().toString().substring(0, 6), "Group");
        String clubId = org.lyceum.support.GraphQL.as(member.token(), "query($q: String!) { resolve(query: $q) { id } }",
                Map.of("q", remoteGroup)).extract().path("data.resolve.id");
        Api.join(member, clubId);
        String memberActor = "https://lyceum.test/people/" + GlobalId.uuid("id", member.personId(), "Person");
        JsonObject block = activity("Block", remoteGroup, memberActor).put("target", remoteGroup).put("summary", "rude");
        assertEquals(202, signed(remoteGroup.substring(remoteGroup.lastIndexOf('/') + 1), "/inbox", block, false).statusCode());
        processed(block.getString("id"));
        assertEquals("DONE", state(block.getString("id")));
        assertEquals(0, Rows.count(db, "select count(*) from membership m join community c on c.id = m.community_id where c.ap_id = ?",
                remoteGroup));
        assertEquals(1, Rows.count(db, "select count(*) from community_ban where ap_id = ? and reason = 'rude'", block.getString("id")));

        // And reporting that remote group's content sends a Flag there, from the instance actor.
        Api.call(member, "mutation($input: ReportInput!) { reportObject(input: $input) { id } }",
                Map.of("input", Map.of("id", nickId, "reason", "impersonation", "forward", true)))
                .body("errors", org.hamcrest.Matchers.nullValue());
        Api.call(member, "mutation($input: ReportInput!) { reportObject(input: $input) { id } }",
                Map.of("input", Map.of("id", nickId, "reason", "kept here"))).body("errors", org.hamcrest.Matchers.nullValue());
        assertEquals(0, deliveredMentioning("Flag", "kept here"), "a report is forwarded only when asked");
        assertEquals(1, deliveredMentioning("Flag", "impersonation"));
        assertEquals(1, Rows.count(db, "select count(*) from delivery where body like '%impersonation%' and signer = 'https://lyceum.test/actor'"
                + " and body not like ?", "%" + memberActor + "%"), "signed by the instance actor; the reporter stays anonymous");
    }

    @Test
    void malformedOversizedAndUnknownInboxesGetClearStatuses() {
        assertEquals(400, post("/inbox", "{not json".getBytes(StandardCharsets.UTF_8), Map.of()).statusCode());
        assertEquals(400, post("/inbox", "{\"type\":\"Like\"}".getBytes(StandardCharsets.UTF_8), Map.of()).statusCode());
        byte[] big = new byte[300_000];
        java.util.Arrays.fill(big, (byte) ' ');
        assertEquals(413, post("/inbox", big, Map.of()).statusCode());
        assertEquals(404, signed("mallory", "/people/" + UUID.randomUUID() + "/inbox", activity("Like", mallory, "x"), false).statusCode());
    }
}
