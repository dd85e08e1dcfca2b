package org.lyceum.federation.inbox;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lyceum.common.GlobalId;
import org.lyceum.support.Api;
import org.lyceum.support.GraphQL;

/**
 * Notifications caused by activities from another server: each kind once, a replayed activity
 * (the same id, through another inbox too) never twice.
 */
@QuarkusTest
class InboxNotificationTest extends InboxFixture {

    private static final String LIST = "{ notifications(first: 50) { edges { node { kind reason actor { handle }"
            + " community { id } object { id } } } } }";

    private static String name(String actor) {
        return actor.substring(actor.lastIndexOf('/') + 1);
    }

    private static String personApId(Api.User user) {
        return "https://lyceum.test/people/" + GlobalId.uuid("id", user.personId(), "Person");
    }

    /** Sends to the shared inbox, then replays the same activity to the personal one. */
    private void deliverTwice(String actor, JsonObject activity, String personalInbox) {
        assertEquals(202, signed(name(actor), "/inbox", activity, false).statusCode());
        processed(activity.getString("id"));
        assertEquals("DONE", state(activity.getString("id")));
        assertEquals(202, signed(name(actor), personalInbox, activity, true).statusCode());
        processedVia(activity.getString("id"), "https://lyceum.test" + personalInbox);
    }

    @Test
    void aRemoteReplyAndARemoteFollowerAreNewsOnce() {
        Api.User teacher = Api.user("teacher");
        Api.User ann = Api.user("ann");
        String community = Api.community(teacher, "PUBLIC");
        String group = communityApId(community);
        String zoe = peer.actor("zoe" + UUID.randomUUID().toString().substring(0, 6), "Person");
        assertEquals(1, deliveredMentioning("Accept", follow(zoe, group)));
        // A member's new Follow (their Undo was lost) is accepted again, and is no join request.
        String refollow = follow(zoe, group);
        assertEquals(1, deliveredMentioning("Accept", refollow));
        String thread = Api.thread(teacher, community, "Fractions");
        JsonObject note = new JsonObject()
                .put("id", id("notes"))
                .put("type", "Note")
                .put("attributedTo", zoe)
                .put("inReplyTo", objectApId(thread, "Thread"))
                .put(
                        "content",
                        "<p>Halves first, <a href=\"" + personApId(teacher) + "\" class=\"mention\">@teacher</a>"
                                + " and <a href=\"" + personApId(ann) + "\" class=\"mention\">@ann</a></p>")
                .put(
                        "tag",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("type", "Mention")
                                        .put("href", personApId(teacher))
                                        .put("name", "@" + teacher.username() + "@lyceum.test"))
                                .add(new JsonObject()
                                        .put("type", "Mention")
                                        .put("href", personApId(ann))
                                        .put("name", "@" + ann.username() + "@lyceum.test")))
                .put("to", new JsonArray().add(PUBLIC))
                .put("cc", new JsonArray().add(group));
        deliverTwice(
                zoe,
                activity("Create", zoe, note),
                "/people/" + GlobalId.uuid("id", teacher.personId(), "Person") + "/inbox");

        JsonObject followMe = activity("Follow", zoe, personApId(teacher));
        deliverTwice(zoe, followMe, "/people/" + GlobalId.uuid("id", teacher.personId(), "Person") + "/inbox");
        // Mastodon sends a new Follow, with a new id, when someone follows again: no second notification.
        JsonObject again = activity("Follow", zoe, personApId(teacher));
        assertEquals(202, signed(name(zoe), "/inbox", again, false).statusCode());
        processed(again.getString("id"));

        String handle = name(zoe) + "@" + peer.origin().substring("http://".length());
        Api.call(teacher, LIST, Map.of())
                .body("errors", nullValue())
                .body("data.notifications.edges.node.kind", contains("NEW_FOLLOWER", "REPLY"))
                .body("data.notifications.edges.node.actor.handle", contains(handle, handle))
                .body("data.notifications.edges[1].node.community.id", equalTo(community));
        // The author replied to is told once (a REPLY); someone else mentioned gets a MENTION.
        Api.call(ann, LIST, Map.of())
                .body("data.notifications.edges.node.kind", contains("MENTION"))
                .body("data.notifications.edges[0].node.actor.handle", equalTo(handle));
    }

    @Test
    void joinRequestsReportsAndRemovalsFromOtherServers() {
        Api.User owner = Api.user("owner");
        Api.User staff = Api.user("staff", "admin");
        String community = Api.community(owner, "PRIVATE");
        String group = communityApId(community);
        String ann = peer.actor("ann" + UUID.randomUUID().toString().substring(0, 6), "Person");
        String followId = follow(ann, group);
        assertEquals(
                1L,
                org.lyceum.support.Rows.count(
                        db, "select count(*) from membership where ap_id = ? and state = 'PENDING'", followId));
        Api.call(owner, LIST, Map.of())
                .body("data.notifications.edges.node.kind", contains("JOIN_REQUEST"))
                .body("data.notifications.edges[0].node.object.id", equalTo(community));

        String thread = Api.thread(owner, community, "Staff room");
        String reporter = peer.actor("instance" + UUID.randomUUID().toString().substring(0, 6), "Application");
        JsonObject flag = activity("Flag", reporter, new JsonArray().add(objectApId(thread, "Thread")))
                .put("content", "<p>Off topic</p>");
        deliverTwice(reporter, flag, "/communities/" + GlobalId.uuid("id", community, "Community") + "/inbox");
        for (Api.User told : List.of(owner, staff)) {
            Api.call(told, LIST, Map.of())
                    .body(
                            "data.notifications.edges.findAll { it.node.kind == 'REPORT' }.node.reason",
                            contains("Off topic"));
        }
    }

    @Test
    void aRemoteGroupDecidesBansAndRemoves() {
        Api.User member = Api.user("member");
        String club = peer.actor("club" + UUID.randomUUID().toString().substring(0, 6), "Group");
        String clubId = GraphQL.as(
                        member.token(), "query($q: String!) { resolve(query: $q) { id } }", Map.of("q", club))
                .extract()
                .path("data.resolve.id");
        Api.join(member, clubId);
        String followId = org.lyceum.support.Rows.string(
                db,
                "select m.ap_id from membership m join community c on c.id = m.community_id where c.ap_id = ?",
                club);
        JsonObject accept = activity(
                "Accept",
                club,
                new JsonObject()
                        .put("id", followId)
                        .put("type", "Follow")
                        .put("actor", personApId(member))
                        .put("object", club));
        deliverTwice(club, accept, "/people/" + GlobalId.uuid("id", member.personId(), "Person") + "/inbox");

        String thread = Api.thread(member, clubId, "Field trip");
        JsonObject delete =
                activity("Delete", club, objectApId(thread, "Thread")).put("summary", "Off topic here");
        deliverTwice(club, delete, "/people/" + GlobalId.uuid("id", member.personId(), "Person") + "/inbox");

        JsonObject block =
                activity("Block", club, personApId(member)).put("target", club).put("summary", "rude");
        deliverTwice(club, block, "/people/" + GlobalId.uuid("id", member.personId(), "Person") + "/inbox");

        Api.call(member, LIST, Map.of())
                .body("errors", nullValue())
                .body("data.notifications.edges.node.kind", contains("BANNED", "CONTENT_REMOVED", "JOIN_DECIDED"))
                .body("data.notifications.edges.node.reason", contains("rude", "Off topic here", "approved"))
                .body("data.notifications.edges[2].node.community.id", equalTo(clubId));
    }
}
