package org.lyceum.federation.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lyceum.common.GlobalId;
import org.lyceum.support.Api;
import org.lyceum.support.Rows;

/** What each activity does here when it arrives, and what this instance sends back. */
@QuarkusTest
class InboxTest extends InboxFixture {

    @Test
    void aRemoteMemberFollowsPostsLikesEditsAndDeletesAndTheGroupAnnouncesIt() {
        Api.User owner = Api.user("owner");
        String community = Api.community(owner, "PUBLIC");
        String group = communityApId(community);
        String followId = follow(mallory, group);
        assertEquals("DONE", state(followId));
        assertEquals(
                1,
                Rows.count(
                        db,
                        "select count(*) from membership m join person p on p.id = m.person_id"
                                + " where p.ap_id = ? and m.state = 'JOINED' and m.ap_id = ?",
                        mallory,
                        followId));
        assertEquals(1, deliveredMentioning("Accept", followId), "the Follow is accepted, to the shared inbox");
        assertEquals(
                1,
                Rows.count(
                        db,
                        "select count(*) from delivery where inbox = ? and signer = ?",
                        peer.origin() + "/inbox",
                        group));

        String thread = Api.thread(owner, community, "Fractions");
        String threadApId = objectApId(thread, "Thread");
        assertEquals(2, deliveredMentioning("Announce", threadApId), "the group announces the new thread twice:");
        assertEquals(
                1,
                Rows.count(
                        db,
                        "select count(*) from delivery where body like ? and body like ?",
                        "%\"type\":\"Create\"%",
                        "%\"object\":{\"id\":\"" + threadApId + "\",\"type\":\"Page\"%"),
                "as Announce(Create(Page))");
        assertEquals(
                1,
                Rows.count(
                        db, "select count(*) from delivery where body like ?", "%\"object\":\"" + threadApId + "\"%"),
                "and as a bare Announce of the Page, for Mastodon");

        String noteId = id("notes");
        JsonObject note = new JsonObject()
                .put("id", noteId)
                .put("type", "Note")
                .put("attributedTo", mallory)
                .put("inReplyTo", threadApId)
                .put("content", "<p>Halves <script>alert(1)</script>first, <b>then</b> quarters &amp; more.</p>")
                .put("to", new JsonArray().add(PUBLIC))
                .put("cc", new JsonArray().add(group));
        JsonObject create = activity("Create", mallory, note);
        assertEquals(
                202,
                signed(
                                "mallory",
                                "/communities/" + GlobalId.uuid("id", community, "Community") + "/inbox",
                                create,
                                true)
                        .statusCode(),
                "RFC 9421 to the group's own inbox");
        processed(create.getString("id"));
        assertEquals("DONE", state(create.getString("id")));
        assertEquals(
                "<p>Halves first, then quarters &amp; more.</p>",
                Rows.string(db, "select body from content where ap_id = ?", noteId),
                "remote HTML is kept sanitized: paragraphs stay, scripts and other tags go (their text stays)");
        assertEquals(
                Rows.string(db, "select body from content where ap_id = ?", noteId),
                Rows.string(db, "select body_html from content where ap_id = ?", noteId),
                "without a Markdown source, the sanitized HTML is both the source and the HTML");
        assertEquals(202, signed("mallory", "/inbox", create, false).statusCode(), "a replay is taken");
        assertEquals(
                1,
                Rows.count(
                        db,
                        "select count(*) from inbox_activity where ap_id = ? and inbox = 'https://lyceum.test/inbox'",
                        create.getString("id")));
        // The replay came through another inbox, so it is a row of its own: wait for that row, not the first.
        assertEquals(
                "DONE",
                processedVia(create.getString("id"), "https://lyceum.test/inbox"),
                "the replay is processed without failing");
        assertEquals(
                1, Rows.count(db, "select count(*) from content where ap_id = ?", noteId), "and has no second effect");
        assertEquals(1, Rows.count(db, "select count(*) from activity where ap_id = ?", create.getString("id")));
        assertEquals(
                1,
                deliveredMentioning("Announce", create.getString("id")),
                "the group announces the member's reply once");

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
        assertEquals("<p>Quarters first.</p>", Rows.string(db, "select body from content where ap_id = ?", noteId));
        assertEquals(1, deliveredMentioning("Announce", update.getString("id")), "the edit is announced");

        JsonObject delete =
                activity("Delete", mallory, new JsonObject().put("id", noteId).put("type", "Tombstone"));
        signed("mallory", "/inbox", delete, false);
        processed(delete.getString("id"));
        assertEquals(
                1,
                Rows.count(
                        db,
                        "select count(*) from content where ap_id = ? and deleted_at is not null and body is null",
                        noteId));
        assertEquals(1, deliveredMentioning("Announce", delete.getString("id")), "the deletion is announced too");
    }

    @Test
    void aDeletedRemoteAccountLeavesNothingBehind() {
        Api.User owner = Api.user("owner");
        String community = Api.community(owner, "PUBLIC");
        String group = communityApId(community);
        String name = "gone" + UUID.randomUUID().toString().substring(0, 6);
        String gone = peer.actor(name, "Person");
        follow(gone, group);
        String threadApId = objectApId(Api.thread(owner, community, "Farewells"), "Thread");
        String noteId = id("notes");
        JsonObject create = activity(
                "Create",
                gone,
                new JsonObject()
                        .put("id", noteId)
                        .put("type", "Note")
                        .put("attributedTo", gone)
                        .put("inReplyTo", threadApId)
                        .put("content", "<p>Goodbye</p>")
                        .put("to", new JsonArray().add(PUBLIC))
                        .put("cc", group));
        JsonObject like = activity("Like", gone, threadApId);
        for (JsonObject a : java.util.List.of(create, like)) {
            assertEquals(202, signed(name, "/inbox", a, false).statusCode());
            processed(a.getString("id"));
            assertEquals("DONE", state(a.getString("id")));
        }
        assertEquals(
                1,
                Rows.count(
                        db,
                        "select count(*) from membership m join person p on p.id = m.person_id where p.ap_id = ?",
                        gone));

        JsonObject delete = activity("Delete", gone, gone).put("to", new JsonArray().add(PUBLIC));
        assertEquals(202, signed(name, "/inbox", delete, false).statusCode());
        processed(delete.getString("id"));
        assertEquals("DONE", state(delete.getString("id")));
        assertEquals(
                1,
                Rows.count(
                        db,
                        "select count(*) from content where ap_id = ? and deleted_at is not null and body is null",
                        noteId),
                "its reply is deleted as a local deletion would be");
        assertEquals(
                0,
                Rows.count(
                        db,
                        "select count(*) from liking l join person p on p.id = l.person_id where p.ap_id = ?",
                        gone));
        assertEquals(
                0,
                Rows.count(
                        db,
                        "select count(*) from membership m join person p on p.id = m.person_id where p.ap_id = ?",
                        gone));
        assertEquals(
                0, Rows.count(db, "select count(*) from actor_key where actor_id = ?", gone), "its key is forgotten");
        assertEquals(1, Rows.count(db, "select count(*) from person where ap_id = ? and fetched_at is null", gone));

        // Its server now answers 404 for it; a request signed with its old key opens nothing.
        JsonObject late = activity("Like", gone, threadApId);
        byte[] body = StubPeer.bytes(late);
        Map<String, String> headers = peer.sign(
                name, java.net.URI.create("https://lyceum.test/inbox"), body, false, java.time.Clock.systemUTC());
        peer.keys.remove(name);
        assertEquals(401, post("/inbox", body, headers).statusCode());
    }

    @Test
    void aFollowOfAPrivateCommunityWaitsForAModerator() {
        Api.User owner = Api.user("owner");
        String community = Api.community(owner, "PRIVATE");
        String grumpy = peer.actor("grumpy" + UUID.randomUUID().toString().substring(0, 6), "Person");
        String followId = follow(grumpy, communityApId(community));
        assertEquals(
                1, Rows.count(db, "select count(*) from membership where ap_id = ? and state = 'PENDING'", followId));
        assertEquals(0, deliveredMentioning("Accept", followId), "no Accept before a moderator approves");

        String personId = GlobalId.of(
                "Person", UUID.fromString(Rows.string(db, "select id::text from person where ap_id = ?", grumpy)));
        Api.ok(
                owner,
                "mutation($input: DecideJoinRequestInput!) { decideJoinRequest(input: $input) { member { state } } }",
                Map.of("communityId", community, "personId", personId, "approve", true),
                "data.decideJoinRequest.member.state");
        assertEquals(1, deliveredMentioning("Accept", followId), "approval sends the Accept");
        String thread = objectApId(Api.thread(owner, community, "Staff meeting"), "Thread");
        assertEquals(
                1,
                deliveredMentioning("Announce", thread),
                "one Announce: no bare copy of a private community's thread");
        assertEquals(
                0,
                Rows.count(
                        db,
                        "select count(*) from delivery where body like ? and body like ?",
                        "%" + thread + "%",
                        "%#Public%"),
                "a private community's announces are not addressed to Public");
    }

    @Test
    void contentFromOutsidersIsNotTaken() {
        Api.User owner = Api.user("owner");
        String community = Api.community(owner, "PUBLIC");
        String outsider = peer.actor("outsider" + UUID.randomUUID().toString().substring(0, 6), "Person");
        JsonObject page = new JsonObject()
                .put("id", id("pages"))
                .put("type", "Page")
                .put("attributedTo", outsider)
                .put("name", "Buy now")
                .put("content", "spam")
                .put("audience", communityApId(community));
        JsonObject create = activity("Create", outsider, page);
        assertEquals(
                202,
                signed(outsider.substring(outsider.lastIndexOf('/') + 1), "/inbox", create, false)
                        .statusCode());
        processed(create.getString("id"));
        assertTrue(state(create.getString("id")).startsWith("IGNORED: only members"), state(create.getString("id")));
        assertEquals(0, Rows.count(db, "select count(*) from content where ap_id = ?", page.getString("id")));
    }

    @Test
    void staleRemoteActorsAreFetchedAgainByMaintenance() {
        String renamed = peer.actor("renamed" + UUID.randomUUID().toString().substring(0, 6), "Person");
        String name = renamed.substring(renamed.lastIndexOf('/') + 1);
        assertEquals(
                202,
                signed(name, "/inbox", activity("Dance", renamed, "https://lyceum.test/actor"), false)
                        .statusCode());
        assertEquals(
                name + " Remote",
                Rows.string(db, "select display_name from person where ap_id = ?", renamed),
                "remote HTML in names is kept as text");
        peer.names.put(name, "Dr. Renamed");
        Rows.execute(db, "update person set fetched_at = now() - interval '2 days' where ap_id = ?", renamed);
        assertTrue(maintenance.refreshActors().await().atMost(Duration.ofSeconds(30)) >= 1);
        assertEquals("Dr. Renamed", Rows.string(db, "select display_name from person where ap_id = ?", renamed));
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
        JsonObject flag = activity(
                        "Flag",
                        reporter,
                        new JsonArray().add(objectApId(thread, "Thread")).add("https://lyceum.test/people/x"))
                .put("content", "<p>Off topic</p>");
        assertEquals(
                202,
                signed(reporter.substring(reporter.lastIndexOf('/') + 1), "/inbox", flag, false)
                        .statusCode());
        processed(flag.getString("id"));
        assertEquals("DONE", state(flag.getString("id")));
        Api.call(
                        owner,
                        "query($c: ID) { reports(communityId: $c) { reason reporterHost object { id } } }",
                        Map.of("c", community))
                .body("data.reports[0].reason", org.hamcrest.Matchers.equalTo("Off topic"))
                .body(
                        "data.reports[0].reporterHost",
                        org.hamcrest.Matchers.equalTo(peer.origin().substring("http://".length())))
                .body("data.reports[0].object.id", org.hamcrest.Matchers.equalTo(thread));

        // Banning the remote member sends the group's Block; their Follow is then answered with Reject.
        String nickId = GlobalId.of(
                "Person", UUID.fromString(Rows.string(db, "select id::text from person where ap_id = ?", nick)));
        Api.ok(
                owner,
                "mutation($input: BanInput!) { banFromCommunity(input: $input) { id } }",
                Map.of("communityId", community, "personId", nickId, "reason", "spam"),
                "data.banFromCommunity.id");
        assertEquals(
                0,
                Rows.count(
                        db,
                        "select count(*) from membership m join person p on p.id = m.person_id where p.ap_id = ?",
                        nick));
        assertEquals(1, deliveredMentioning("Block", nick), "the Block goes to the banned person");
        JsonObject again = activity("Follow", nick, group);
        assertEquals(202, signed(nickName, "/inbox", again, false).statusCode());
        processed(again.getString("id"));
        assertEquals(1, deliveredMentioning("Reject", again.getString("id")));
        assertEquals(
                0,
                Rows.count(
                        db,
                        "select count(*) from membership m join person p on p.id = m.person_id where p.ap_id = ?",
                        nick));

        // A remote group bans someone of ours: their membership there ends here too.
        Api.User member = Api.user("member");
        String remoteGroup = peer.actor("club" + UUID.randomUUID().toString().substring(0, 6), "Group");
        String clubId = org.lyceum.support.GraphQL.as(
                        member.token(), "query($q: String!) { resolve(query: $q) { id } }", Map.of("q", remoteGroup))
                .extract()
                .path("data.resolve.id");
        Api.join(member, clubId);
        String memberActor = "https://lyceum.test/people/" + GlobalId.uuid("id", member.personId(), "Person");
        JsonObject block = activity("Block", remoteGroup, memberActor)
                .put("target", remoteGroup)
                .put("summary", "rude");
        assertEquals(
                202,
                signed(remoteGroup.substring(remoteGroup.lastIndexOf('/') + 1), "/inbox", block, false)
                        .statusCode());
        processed(block.getString("id"));
        assertEquals("DONE", state(block.getString("id")));
        assertEquals(
                0,
                Rows.count(
                        db,
                        "select count(*) from membership m join community c on c.id = m.community_id where c.ap_id = ?",
                        remoteGroup));
        assertEquals(
                1,
                Rows.count(
                        db,
                        "select count(*) from community_ban where ap_id = ? and reason = 'rude'",
                        block.getString("id")));

        // And reporting that remote group's content sends a Flag there, from the instance actor.
        Api.call(
                        member,
                        "mutation($input: ReportInput!) { reportObject(input: $input) { id } }",
                        Map.of("input", Map.of("id", nickId, "reason", "impersonation", "forward", true)))
                .body("errors", org.hamcrest.Matchers.nullValue());
        Api.call(
                        member,
                        "mutation($input: ReportInput!) { reportObject(input: $input) { id } }",
                        Map.of("input", Map.of("id", nickId, "reason", "kept here")))
                .body("errors", org.hamcrest.Matchers.nullValue());
        assertEquals(0, deliveredMentioning("Flag", "kept here"), "a report is forwarded only when asked");
        assertEquals(1, deliveredMentioning("Flag", "impersonation"));
        assertEquals(
                1,
                Rows.count(
                        db,
                        "select count(*) from delivery where body like '%impersonation%' and signer = 'https://lyceum.test/actor'"
                                + " and body not like ?",
                        "%" + memberActor + "%"),
                "signed by the instance actor; the reporter stays anonymous");
    }
}
