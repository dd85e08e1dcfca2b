package org.lyceum.federation.inbox;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lyceum.common.GlobalId;
import org.lyceum.support.Api;
import org.lyceum.support.GraphQL;

/** A remote group's bans, received through federation, are logged in its community's log once. */
@QuarkusTest
class ModlogInboxTest extends InboxFixture {

    private static final String LOG =
            "query($c: ID) { modlog(communityId: $c) { edges { node { action reason targetPerson { id } } } } }";

    @Test
    void aRemoteGroupsBanAndItsUndoAreLoggedOnceEach() {
        Api.User member = Api.user("member");
        String club = peer.actor("club" + UUID.randomUUID().toString().substring(0, 6), "Group");
        String name = club.substring(club.lastIndexOf('/') + 1);
        String clubId = GraphQL.as(
                        member.token(), "query($q: String!) { resolve(query: $q) { id } }", Map.of("q", club))
                .extract()
                .path("data.resolve.id");
        String person = "https://lyceum.test/people/" + GlobalId.uuid("id", member.personId(), "Person");
        JsonObject block = activity("Block", club, person).put("target", club).put("summary", "rude");
        for (int i = 0; i < 2; i++) { // a replay logs nothing more
            assertEquals(202, signed(name, "/inbox", block, false).statusCode());
            processed(block.getString("id"));
        }
        JsonObject undo = activity("Undo", club, block);
        assertEquals(202, signed(name, "/inbox", undo, false).statusCode());
        processed(undo.getString("id"));

        GraphQL.anonymous(LOG, Map.of("c", clubId))
                .body("data.modlog.edges.node.action", contains("UNBAN", "BAN"))
                .body("data.modlog.edges[1].node.reason", equalTo("rude"))
                .body("data.modlog.edges[1].node.targetPerson.id", equalTo(member.personId()));
    }

    @Test
    void row45ASuspendedRemotePersonsActivitiesAreRefusedAtTheInbox() {
        Api.User staff = Api.user("staff", "user", "moderator");
        String zoe = peer.actor("zoe" + UUID.randomUUID().toString().substring(0, 6), "Person");
        String name = zoe.substring(zoe.lastIndexOf('/') + 1);
        String zoeId = GraphQL.as(staff.token(), "query($q: String!) { resolve(query: $q) { id } }", Map.of("q", zoe))
                .extract()
                .path("data.resolve.id");
        GraphQL.as(
                        staff.token(),
                        "mutation($id: ID!) { suspendPerson(input: {personId: $id, reason: \"spam\"}) { id } }",
                        Map.of("id", zoeId))
                .body("errors", org.hamcrest.Matchers.nullValue());
        JsonObject follow = activity(
                "Follow", zoe, "https://lyceum.test/people/" + GlobalId.uuid("id", staff.personId(), "Person"));
        var refused = signed(name, "/inbox", follow, false);
        assertEquals(403, refused.statusCode());
        org.junit.jupiter.api.Assertions.assertTrue(refused.asString().contains("suspended"), refused.asString());
        GraphQL.as(
                        staff.token(),
                        "mutation($id: ID!) { unsuspendPerson(input: {personId: $id}) { id } }",
                        Map.of("id", zoeId))
                .body("errors", org.hamcrest.Matchers.nullValue());
        assertEquals(202, signed(name, "/inbox", follow, false).statusCode());
    }
}
