package org.lyceum.federation.inbox;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lyceum.common.GlobalId;
import org.lyceum.support.Api;
import org.lyceum.support.Api.User;
import org.lyceum.support.GraphQL;
import org.lyceum.support.Rows;

/**
 * Removals, restores, locks and purges over ActivityPub, as Lemmy sends them: what a community of
 * this instance announces, and what a remote group's moderators' activities do here (applied,
 * logged once per activity).
 */
@QuarkusTest
class ContentModerationFederationTest extends InboxFixture {

    private static final String REMOVE =
            "mutation($id: ID!, $r: String!) { removeObject(input: {id: $id, reason: $r}) }";
    private static final String RESTORE = "mutation($id: ID!) { restoreObject(input: {id: $id}) { id } }";
    private static final String THREAD = "query($id: ID!) { thread(id: $id) { id locked } }";

    private static String person(User user) {
        return "https://lyceum.test/people/" + GlobalId.uuid("id", user.personId(), "Person");
    }

    /** The activities the group announced to the stub, by their inner type, that mention {@code needle}. */
    private List<JsonObject> announced(String type, String needle) {
        publisher.drain().await().atMost(Duration.ofSeconds(20));
        List<String> bodies = new java.util.ArrayList<>();
        try (var c = db.getConnection();
                var st = c.prepareStatement("select body from delivery where inbox like ? and body like ?")) {
            st.setString(1, peer.origin() + "%");
            st.setString(2, "%" + needle + "%");
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    bodies.add(rs.getString(1));
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return bodies.stream()
                .map(JsonObject::new)
                .filter(a -> a.getString("type").equals("Announce") && a.getValue("object") instanceof JsonObject)
                .map(a -> a.getJsonObject("object"))
                .filter(inner -> type.equals(inner.getString("type")))
                .toList();
    }

    @Test
    void aModeratorsRemovalRestoreLockAndPurgeAreAnnouncedAsLemmySendsThem() {
        User owner = Api.user("owner");
        User author = Api.user("author");
        User admin = Api.user("admin", "user", "admin");
        String community = Api.community(owner, "PUBLIC");
        Api.join(author, community);
        String group = communityApId(community);
        follow(peer.actor("fan" + UUID.randomUUID().toString().substring(0, 6), "Person"), group);
        String thread = Api.thread(author, community, "Cheap watches");
        String threadApId = objectApId(thread, "Thread");
        publisher.drain().await().atMost(Duration.ofSeconds(20));

        Api.call(owner, REMOVE, Map.of("id", thread, "r", "advertising")).body("errors", nullValue());
        List<JsonObject> deletes = announced("Delete", "advertising");
        assertEquals(1, deletes.size(), deletes.toString());
        JsonObject delete = deletes.get(0);
        assertEquals(person(owner), delete.getString("actor"), "the moderator's Delete");
        assertEquals(threadApId, delete.getString("object"));
        assertEquals("advertising", delete.getString("summary"));
        assertEquals(group, delete.getString("audience"));

        Api.call(owner, RESTORE, Map.of("id", thread)).body("errors", nullValue());
        List<JsonObject> undos = announced("Undo", delete.getString("id"));
        assertEquals(1, undos.size(), undos.toString());
        JsonObject undone = undos.get(0).getJsonObject("object");
        assertEquals("Delete", undone.getString("type"));
        assertEquals(delete.getString("id"), undone.getString("id"), "Undo names the removal's Delete");
        assertEquals(threadApId, undone.getString("object"));
        assertEquals(person(owner), undos.get(0).getString("actor"));

        Api.call(owner, "mutation($id: ID!) { lockThread(input: {id: $id}) { locked } }", Map.of("id", thread))
                .body("data.lockThread.locked", equalTo(true));
        List<JsonObject> locks = announced("Lock", threadApId);
        assertEquals(1, locks.size(), locks.toString());
        assertEquals(threadApId, locks.get(0).getString("object"));
        Api.call(owner, "mutation($id: ID!) { unlockThread(input: {id: $id}) { locked } }", Map.of("id", thread))
                .body("data.unlockThread.locked", equalTo(false));
        List<JsonObject> unlocks = announced("Undo", locks.get(0).getString("id"));
        assertEquals(1, unlocks.size(), unlocks.toString());
        assertEquals("Lock", unlocks.get(0).getJsonObject("object").getString("type"));

        Api.call(admin, "mutation($id: ID!) { purgeObject(input: {id: $id, reason: \"gone\"}) }", Map.of("id", thread))
                .body("errors", nullValue());
        List<JsonObject> purges = announced("Delete", "Purged by an instance admin");
        assertEquals(1, purges.size(), purges.toString());
        assertEquals(threadApId, purges.get(0).getString("object"));
        assertEquals(person(admin), purges.get(0).getString("actor"));

        // An author's own deletion stays a plain Delete of a Tombstone, without a summary.
        String own = Api.thread(author, community, "Mine");
        Api.ok(
                author,
                "mutation($input: DeleteObjectInput!) { deleteObject(input: $input) { deletedId } }",
                Map.of("id", own),
                "data.deleteObject.deletedId");
        List<JsonObject> deleted = announced("Delete", objectApId(own, "Thread"));
        assertEquals(1, deleted.size(), deleted.toString());
        assertEquals(null, deleted.get(0).getString("summary"));
        assertEquals("Tombstone", deleted.get(0).getJsonObject("object").getString("type"));
    }

    @Test
    void aRemoteGroupsModeratorRemovesRestoresAndLocksHereAndEachIsLoggedOnce() {
        User member = Api.user("member");
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String groupName = "club" + suffix;
        String remoteGroup = peer.actor(groupName, "Group");
        String clubId = GraphQL.as(
                        member.token(), "query($q: String!) { resolve(query: $q) { id } }", Map.of("q", remoteGroup))
                .extract()
                .path("data.resolve.id");
        Api.join(member, clubId);
        String teacher = peer.actor("teacher" + suffix, "Person");
        String modName = "mod" + suffix;
        String mod = peer.actor(modName, "Person");
        String page = posted(remoteGroup, teacher, "Homework answers");
        String thread = GlobalId.of("Thread", contentId(page));
        Api.call(member, THREAD, Map.of("id", thread)).body("data.thread.id", equalTo(thread));

        // The moderator's Delete with a summary, announced by the group.
        JsonObject delete = activity("Delete", mod, page).put("summary", "<p>answers to homework</p>");
        delete.remove("@context");
        announce(remoteGroup, delete);
        Api.call(member, THREAD, Map.of("id", thread)).body("data.thread", nullValue());
        assertEquals(
                1,
                Rows.count(
                        db,
                        "select count(*) from modlog l join person p on p.id = l.moderator_id where l.action = 'REMOVE'"
                                + " and l.ap_id = ? and l.reason = 'answers to homework' and p.ap_id = ?"
                                + " and l.target_title = 'Homework answers' and l.community_id = ?",
                        delete.getString("id"),
                        mod,
                        GlobalId.uuid("id", clubId, "Community")));
        // Announced again (a replay, or through another follower's inbox): logged once.
        announce(remoteGroup, delete);
        assertEquals(1, Rows.count(db, "select count(*) from modlog where ap_id = ?", delete.getString("id")));

        // Undo(Delete) straight from someone on the group's server, not announced by the group: not
        // taken for a moderator's (anyone with an account there could send it).
        JsonObject undo = activity("Undo", mod, delete.copy());
        assertEquals(202, signed(modName, "/inbox", undo, false).statusCode());
        processed(undo.getString("id"));
        assertTrue(state(undo.getString("id")).startsWith("IGNORED"), state(undo.getString("id")));
        Api.call(member, THREAD, Map.of("id", thread)).body("data.thread", nullValue());
        // The same Undo announced by the group restores it.
        undo.remove("@context");
        announce(remoteGroup, undo);
        Api.call(member, THREAD, Map.of("id", thread)).body("data.thread.id", equalTo(thread));
        assertEquals(
                1,
                Rows.count(
                        db,
                        "select count(*) from modlog where action = 'RESTORE' and ap_id = ? and target_id = ?",
                        undo.getString("id"),
                        contentId(page)));

        // Lock: the thread is locked here, and people here cannot reply.
        JsonObject lock = activity("Lock", mod, page);
        lock.remove("@context");
        announce(remoteGroup, lock);
        Api.call(member, THREAD, Map.of("id", thread)).body("data.thread.locked", equalTo(true));
        Api.call(
                        member,
                        "mutation($input: CreateReplyInput!) { createReply(input: $input) { comment { id } } }",
                        Map.of("input", Map.of("inReplyTo", thread, "content", "But why")))
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        assertEquals(
                1,
                Rows.count(
                        db, "select count(*) from modlog where action = 'LOCK' and ap_id = ?", lock.getString("id")));
        JsonObject unlock = activity("Undo", mod, lock.copy());
        unlock.remove("@context");
        announce(remoteGroup, unlock);
        Api.call(member, THREAD, Map.of("id", thread)).body("data.thread.locked", equalTo(false));

        // Someone of another community's server removes nothing here.
        User owner = Api.user("owner");
        String local = Api.community(owner, "PUBLIC");
        String ours = Api.thread(owner, local, "Ours");
        JsonObject foreign = activity("Delete", mod, objectApId(ours, "Thread")).put("summary", "mine now");
        assertEquals(202, signed(modName, "/inbox", foreign, false).statusCode());
        processed(foreign.getString("id"));
        assertTrue(state(foreign.getString("id")).startsWith("IGNORED"), state(foreign.getString("id")));
        Api.call(owner, THREAD, Map.of("id", ours)).body("data.thread.id", equalTo(ours));
    }

    @Test
    void aReplyFromElsewhereToALockedThreadIsDropped() {
        User owner = Api.user("owner");
        String community = Api.community(owner, "PUBLIC");
        String group = communityApId(community);
        String name = "member" + UUID.randomUUID().toString().substring(0, 6);
        String remote = peer.actor(name, "Person");
        follow(remote, group);
        String thread = Api.thread(owner, community, "Closed");
        Api.call(owner, "mutation($id: ID!) { lockThread(input: {id: $id}) { locked } }", Map.of("id", thread))
                .body("data.lockThread.locked", equalTo(true));
        String noteId = id("notes");
        JsonObject note = new JsonObject()
                .put("id", noteId)
                .put("type", "Note")
                .put("attributedTo", remote)
                .put("inReplyTo", objectApId(thread, "Thread"))
                .put("content", "<p>One more thing</p>")
                .put("to", new JsonArray().add(PUBLIC))
                .put("cc", new JsonArray().add(group));
        JsonObject create = activity("Create", remote, note);
        assertEquals(202, signed(name, "/inbox", create, false).statusCode());
        processed(create.getString("id"));
        assertTrue(state(create.getString("id")).contains("locked"), state(create.getString("id")));
        assertEquals(0, Rows.count(db, "select count(*) from content where ap_id = ?", noteId));
    }

    private void announce(String group, JsonObject activity) {
        JsonObject announce = activity("Announce", group, activity);
        assertEquals(
                202,
                signed(group.substring(group.lastIndexOf('/') + 1), "/inbox", announce, false)
                        .statusCode());
        processed(announce.getString("id"));
        assertEquals("DONE", state(announce.getString("id")));
    }

    private UUID contentId(String apId) {
        return UUID.fromString(Rows.string(db, "select id::text from content where ap_id = ?", apId));
    }

    private String posted(String group, String author, String title) {
        String pageId = id("pages");
        JsonObject page = new JsonObject()
                .put("id", pageId)
                .put("type", "Page")
                .put("attributedTo", author)
                .put("name", title)
                .put("content", "<p>" + title + "</p>")
                .put("to", new JsonArray().add(PUBLIC))
                .put("cc", new JsonArray().add(group))
                .put("audience", group);
        JsonObject create = activity("Create", author, page);
        create.remove("@context");
        announce(group, create);
        return pageId;
    }
}
