package org.lyceum.federation.inbox;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lyceum.common.GlobalId;
import org.lyceum.federation.protocol.Json;
import org.lyceum.support.Api;
import org.lyceum.support.GraphQL;
import org.lyceum.support.Rows;

/**
 * Blocks across servers: blocking a person of another server sends them the blocker's Block (not a
 * community ban: no target, a person's actor), lifting it Undo(Block); their Block of someone here
 * ends the follows between the two and is never an error; a person's domain block hides a remote
 * server's comments as placeholders; a community ban with an end is sent with it, as Lemmy's
 * {@code expires}.
 */
@QuarkusTest
class BlockFederationTest extends InboxFixture {

    private static final String BLOCK = "mutation($input: BlockInput!) { block(input: $input) }";
    private static final String UNBLOCK = "mutation($input: BlockInput!) { unblock(input: $input) }";

    @Test
    void aBanWithAnEndIsSentWithItAsExpiresAndBothItAndItsUndoAreAddressedAsLemmyRequires() {
        Api.User owner = Api.user("owner");
        String community = Api.community(owner, "PUBLIC");
        String remote = peer.actor("brief" + UUID.randomUUID().toString().substring(0, 6), "Person");
        String remoteId = resolve(owner, remote);
        Instant until = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS);
        Api.ok(
                owner,
                "mutation($input: BanInput!) { banFromCommunity(input: $input) { id } }",
                Map.of("communityId", community, "personId", remoteId, "reason", "cool off", "until", until.toString()),
                "data.banFromCommunity.id");
        assertEquals(1, deliveredMentioning("Block", remote), "the ban's Block goes to the banned person");
        JsonObject block = new JsonObject(Rows.string(
                db,
                "select body from delivery where inbox like ? and body like '%\"type\":\"Block\"%' and body like ?",
                peer.origin() + "%",
                "%" + remote + "%"));
        assertEquals("cool off", block.getString("summary"));
        assertEquals(until, Instant.parse(block.getString("expires")), "Lemmy's expires: " + block.encode());
        // Lemmy refuses a ban (and its Undo) without to and cc.
        String group = communityApId(community);
        assertEquals(new JsonArray().add(Json.PUBLIC), block.getJsonArray("to"), block.encode());
        assertEquals(new JsonArray().add(group), block.getJsonArray("cc"), block.encode());

        Api.ok(
                owner,
                "mutation($input: UnbanInput!) { unbanFromCommunity(input: $input) { id } }",
                Map.of("communityId", community, "personId", remoteId),
                "data.unbanFromCommunity.id");
        assertEquals(1, deliveredMentioning("Undo", block.getString("id")), "the unban's Undo(Block)");
        JsonObject undo = new JsonObject(Rows.string(
                db,
                "select body from delivery where body like '%\"type\":\"Undo\"%' and body like ?",
                "%" + block.getString("id") + "%"));
        assertEquals(new JsonArray().add(Json.PUBLIC), undo.getJsonArray("to"), undo.encode());
        assertEquals(new JsonArray().add(group), undo.getJsonArray("cc"), undo.encode());
        assertEquals(group, undo.getJsonObject("object").getString("target"), undo.encode());
        assertEquals(
                new JsonArray().add(Json.PUBLIC), undo.getJsonObject("object").getJsonArray("to"), undo.encode());
    }

    @Test
    void blockingARemotePersonSendsTheirServerABlockAndLiftingItAnUndo() {
        Api.User alice = Api.user("alice");
        String aliceActor = personApId(alice);
        String remote = peer.actor("rude" + UUID.randomUUID().toString().substring(0, 6), "Person");
        String remoteId = resolve(alice, remote);
        // The remote person follows alice; the block ends that here.
        JsonObject follow = activity("Follow", remote, aliceActor);
        assertEquals(202, signed(name(remote), "/inbox", follow, false).statusCode());
        processed(follow.getString("id"));
        assertEquals(1, follows(remote, aliceActor));

        Api.ok(alice, BLOCK, Map.of("id", remoteId), "data.block");
        assertEquals(0, follows(remote, aliceActor), "their follow of alice ends");
        assertEquals(1, deliveredMentioning("Block", remote), "the Block goes to the blocked person's server");
        String body = Rows.string(
                db,
                "select body from delivery where inbox like ? and body like '%\"type\":\"Block\"%' and body like ?",
                peer.origin() + "%",
                "%" + remote + "%");
        JsonObject block = new JsonObject(body);
        assertEquals(aliceActor, block.getString("actor"), "by alice herself, not a group: " + body);
        assertEquals(remote, block.getString("object"));
        assertFalse(block.containsKey("target"), "a person's block names no community: " + body);
        assertEquals(
                peer.origin() + "/inbox",
                Rows.string(db, "select inbox from delivery where body = ?", body),
                "to their shared inbox");
        Api.ok(alice, BLOCK, Map.of("id", remoteId), "data.block");
        assertEquals(1, deliveredMentioning("Block", remote), "blocking again sends nothing more");

        Api.ok(alice, UNBLOCK, Map.of("id", remoteId), "data.unblock");
        assertEquals(1, deliveredMentioning("Undo", block.getString("id")), "lifting it sends Undo(Block)");
        JsonObject undo = new JsonObject(Rows.string(
                db,
                "select body from delivery where body like '%\"type\":\"Undo\"%' and body like ?",
                "%" + block.getString("id") + "%"));
        assertEquals(aliceActor, undo.getString("actor"));
        assertEquals("Block", undo.getJsonObject("object").getString("type"));
        assertEquals(remote, undo.getJsonObject("object").getString("object"));

        // Muting a remote person is private: nothing is sent.
        long sent = Rows.count(db, "select count(*) from delivery where inbox like ?", peer.origin() + "%");
        Api.ok(alice, "mutation($input: BlockInput!) { mute(input: $input) }", Map.of("id", remoteId), "data.mute");
        deliveredMentioning("Block", remote);
        assertEquals(sent, Rows.count(db, "select count(*) from delivery where inbox like ?", peer.origin() + "%"));
    }

    @Test
    void aRemotePersonsBlockOfSomeoneHereEndsTheirFollowsAndIsNeverAnError() {
        Api.User bob = Api.user("bob");
        String bobActor = personApId(bob);
        String remote = peer.actor("blocker" + UUID.randomUUID().toString().substring(0, 6), "Person");
        String remoteId = resolve(bob, remote);
        Api.ok(
                bob,
                "mutation($input: FollowInput!) { follow(input: $input) { __typename } }",
                Map.of("id", remoteId),
                "data.follow.__typename");
        assertEquals(1, follows(bobActor, remote));

        JsonObject block = activity("Block", remote, bobActor);
        assertEquals(202, signed(name(remote), "/inbox", block, false).statusCode());
        processed(block.getString("id"));
        assertEquals("DONE", state(block.getString("id")));
        assertEquals(0, follows(bobActor, remote), "bob no longer follows the person who blocked him");
        assertEquals(
                0,
                Rows.count(db, "select count(*) from community_ban where ap_id = ?", block.getString("id")),
                "not taken for a community ban");

        JsonObject undo = activity("Undo", remote, block.copy().put("@context", (String) null));
        assertEquals(202, signed(name(remote), "/inbox", undo, false).statusCode());
        processed(undo.getString("id"));
        assertEquals("DONE", state(undo.getString("id")));
    }

    @Test
    void aDomainBlockMakesThatServersCommentsPlaceholders() {
        Api.User owner = Api.user("owner");
        Api.User reader = Api.user("reader");
        String community = Api.community(owner, "PUBLIC");
        String thread = Api.thread(owner, community, "Open question");
        String remote = peer.actor("far" + UUID.randomUUID().toString().substring(0, 6), "Person");
        follow(remote, communityApId(community));
        String noteId = id("notes");
        JsonObject note = new JsonObject()
                .put("id", noteId)
                .put("type", "Note")
                .put("attributedTo", remote)
                .put("inReplyTo", objectApId(thread, "Thread"))
                .put("content", "<p>From far away</p>")
                .put("to", new JsonArray().add(PUBLIC))
                .put("cc", new JsonArray().add(communityApId(community)));
        JsonObject create = activity("Create", remote, note);
        assertEquals(202, signed(name(remote), "/inbox", create, false).statusCode());
        processed(create.getString("id"));
        String comment = GlobalId.of(
                "Comment", UUID.fromString(Rows.string(db, "select id::text from content where ap_id = ?", noteId)));
        String host = peer.origin().substring("http://".length());

        remoteComment(reader, thread, comment).body("blocked", equalTo(false));
        Api.ok(
                reader,
                "mutation($input: UserDomainInput!) { blockUserDomain(input: $input) }",
                Map.of("domain", peer.origin()),
                "data.blockUserDomain");
        Api.call(reader, "{ myBlockedDomains }", Map.of()).body("data.myBlockedDomains[0]", equalTo(host));
        remoteComment(reader, thread, comment)
                .body("blocked", equalTo(true))
                .body("content", nullValue())
                .body("author", nullValue());
        remoteComment(owner, thread, comment).body("blocked", equalTo(false));
        Api.ok(
                reader,
                "mutation($input: UserDomainInput!) { unblockUserDomain(input: $input) }",
                Map.of("domain", host),
                "data.unblockUserDomain");
        remoteComment(reader, thread, comment).body("blocked", equalTo(false));
    }

    private static io.restassured.response.ValidatableResponse remoteComment(
            Api.User user, String thread, String comment) {
        return Api.call(
                        user,
                        "query($id: ID!) { node(id: $id) { ... on Thread { comments(first: 50) { edges { node { id"
                                + " blocked content author { username } } } } } } }",
                        Map.of("id", thread))
                .body("errors", nullValue())
                .rootPath("data.node.comments.edges.find { it.node.id == '" + comment + "' }.node");
    }

    private static String resolve(Api.User user, String actor) {
        return GraphQL.as(user.token(), "query($q: String!) { resolve(query: $q) { id } }", Map.of("q", actor))
                .body("errors", nullValue())
                .extract()
                .path("data.resolve.id");
    }

    private long follows(String follower, String followed) {
        return Rows.count(
                db,
                "select count(*) from follow f join person a on a.id = f.follower_id join person b on b.id = f.person_id"
                        + " where a.ap_id = ? and b.ap_id = ?",
                follower,
                followed);
    }

    private static String personApId(Api.User user) {
        return "https://lyceum.test/people/" + GlobalId.uuid("id", user.personId(), "Person");
    }

    private static String name(String actor) {
        return actor.substring(actor.lastIndexOf('/') + 1);
    }
}
