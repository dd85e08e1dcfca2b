package org.lyceum.moderation;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.lyceum.common.GlobalId;
import org.lyceum.support.Api;
import org.lyceum.support.Api.User;
import org.lyceum.support.GraphQL;
import org.lyceum.support.Rows;

/**
 * Removing, restoring, purging and locking content (issue 17 item 2; rows 51-55 of
 * docs/permissions.md): who may, what everyone then sees, what the author is told and what the
 * moderation log keeps.
 */
@QuarkusTest
class ContentModerationTest {

    static final String REMOVE = "mutation($id: ID!, $r: String!) { removeObject(input: {id: $id, reason: $r}) }";
    static final String RESTORE = "mutation($id: ID!, $r: String) { restoreObject(input: {id: $id, reason: $r})"
            + " { id ... on Thread { title } ... on Comment { content deleted } ... on Resource { position } } }";
    static final String PURGE = "mutation($id: ID!, $r: String!) { purgeObject(input: {id: $id, reason: $r}) }";
    static final String LOCK =
            "mutation($id: ID!, $r: String) { lockThread(input: {id: $id, reason: $r}) { id locked } }";
    static final String UNLOCK =
            "mutation($id: ID!, $r: String) { unlockThread(input: {id: $id, reason: $r}) { id locked } }";
    static final String REPLY = "mutation($input: CreateReplyInput!) { createReply(input: $input) { comment { id } } }";
    static final String NODE = "query($id: ID!) { node(id: $id) { id ... on Comment { content deleted } } }";
    static final String THREAD =
            "query($id: ID!) { thread(id: $id) { id locked commentCount comments(first: 20) { edges { node { id } } } } }";

    @Inject
    DataSource db;

    /** A public community with an owner, a moderator, an author and another member. */
    record World(String id, User owner, User moderator, User author, User member) {
        static World create() {
            User owner = Api.user("owner");
            User moderator = Api.user("moderator");
            User author = Api.user("author");
            User member = Api.user("member");
            String id = Api.community(owner, "PUBLIC");
            Api.join(moderator, id);
            Api.join(author, id);
            Api.join(member, id);
            Api.ok(
                    owner,
                    "mutation($input: SetMemberRoleInput!) { setMemberRole(input: $input) { member { role } } }",
                    Map.of("communityId", id, "personId", moderator.personId(), "role", "MODERATOR"),
                    "data.setMemberRole.member.role");
            return new World(id, owner, moderator, author, member);
        }
    }

    private static ValidatableResponse call(User user, String document, String id, String reason) {
        return Api.call(user, document, reason == null ? Map.of("id", id) : Map.of("id", id, "r", reason));
    }

    private static void denied(User user, String document, String id, String reason, String code) {
        call(user, document, id, reason).body("errors[0].extensions.code", equalTo(code));
    }

    private static UUID uuid(String globalId) {
        return GlobalId.decode("id", globalId).uuid();
    }

    private long modlog(String action, String globalId) {
        return Rows.count(db, "select count(*) from modlog where action = ? and target_id = ?", action, uuid(globalId));
    }

    @Test
    void row51_moderatorsAndStaffRemoveContentWithAReasonAndItIsHiddenFromEveryone() {
        World w = World.create();
        User staff = Api.user("staff", "user", "moderator");
        String thread = Api.thread(w.author, w.id, "Buy cheap watches");
        String kept = Api.reply(w.member, thread, "Spam, surely");
        String comment = Api.reply(w.author, kept, "Visit my shop");
        String collection = Api.collection(w.author, w.id);
        String first = Api.resource(w.author, collection, "First");
        String second = Api.resource(w.author, collection, "Second");

        denied(w.member, REMOVE, comment, "spam", "FORBIDDEN");
        denied(w.author, REMOVE, comment, "mine", "FORBIDDEN");
        GraphQL.anonymous(REMOVE, Map.of("id", comment, "r", "spam"))
                .body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
        denied(w.moderator, REMOVE, comment, " ", "INVALID_INPUT");
        denied(w.moderator, REMOVE, comment, "x".repeat(1001), "INVALID_INPUT");
        Api.call(w.member, NODE, Map.of("id", comment)).body("data.node.content", equalTo("Visit my shop"));

        call(w.moderator, REMOVE, comment, "advertising")
                .body("errors", nullValue())
                .body("data.removeObject", equalTo(true));
        // Hidden as a deleted comment is: a tombstone keeps the replies' place, the text is gone.
        Api.call(w.member, NODE, Map.of("id", comment))
                .body("data.node.deleted", equalTo(true))
                .body("data.node.content", nullValue());
        Api.call(w.moderator, NODE, Map.of("id", comment)).body("data.node.content", nullValue());
        denied(w.moderator, REMOVE, comment, "again", "NOT_FOUND");
        assertEquals(
                1,
                Rows.count(
                        db,
                        "select count(*) from modlog where action = 'REMOVE' and target_id = ? and reason = 'advertising'"
                                + " and target_title = 'Visit my shop' and target_person_id = ? and community_id = ?"
                                + " and moderator_id = ? and target_type = 'CONTENT'",
                        uuid(comment),
                        uuid(w.author.personId()),
                        uuid(w.id),
                        uuid(w.moderator.personId())));
        Api.call(w.author, "{ notifications(first: 5) { edges { node { kind reason object { id } } } } }", Map.of())
                .body("data.notifications.edges[0].node.kind", equalTo("CONTENT_REMOVED"))
                .body("data.notifications.edges[0].node.reason", equalTo("advertising"));

        // A removed thread takes its comments with it; the owner and instance staff remove too.
        call(w.owner, REMOVE, thread, "spam thread").body("data.removeObject", equalTo(true));
        Api.call(w.member, THREAD, Map.of("id", thread)).body("data.thread", nullValue());
        Api.call(w.member, NODE, Map.of("id", kept)).body("data.node", nullValue());
        Api.call(w.owner, THREAD, Map.of("id", thread)).body("data.thread", nullValue());
        call(staff, REMOVE, first, "copyright").body("data.removeObject", equalTo(true));
        Api.call(w.member, "query($id: ID!) { resource(id: $id) { position } }", Map.of("id", second))
                .body("data.resource.position", equalTo(0));
        Api.call(w.member, "query($id: ID!) { collection(id: $id) { resourceCount } }", Map.of("id", collection))
                .body("data.collection.resourceCount", equalTo(1));
        assertEquals(1, modlog("REMOVE", thread));
        assertEquals(1, modlog("REMOVE", first));
        // Gone from search as deleted content is.
        assertEquals(0, Rows.count(db, "select count(*) from search_entry where id = ?", uuid(first)));
        assertEquals(0, Rows.count(db, "select count(*) from search_entry where id = ?", uuid(thread)));
    }

    @Test
    void row52_whoMayRemoveMayRestoreAndRestoringWhatIsNotRemovedIsAConflict() {
        World w = World.create();
        String thread = Api.thread(w.author, w.id, "Off topic");
        String reply = Api.reply(w.member, thread, "Indeed");
        String collection = Api.collection(w.author, w.id);
        String first = Api.resource(w.author, collection, "First");
        Api.resource(w.author, collection, "Second");

        denied(w.moderator, RESTORE, thread, null, "CONFLICT");
        call(w.moderator, REMOVE, thread, "off topic").body("errors", nullValue());
        assertEquals(0, Rows.count(db, "select count(*) from search_entry where id = ?", uuid(thread)));
        denied(w.member, RESTORE, thread, null, "FORBIDDEN");
        denied(w.author, RESTORE, thread, null, "FORBIDDEN");
        call(w.owner, RESTORE, thread, "on topic after all")
                .body("errors", nullValue())
                .body("data.restoreObject.id", equalTo(thread))
                .body("data.restoreObject.title", equalTo("Off topic"));
        Api.call(w.member, THREAD, Map.of("id", thread))
                .body("data.thread.id", equalTo(thread))
                .body("data.thread.comments.edges.node.id", hasItem(reply));
        assertEquals(1, Rows.count(db, "select count(*) from search_entry where id = ?", uuid(thread)));
        assertEquals(
                1,
                Rows.count(
                        db,
                        "select count(*) from modlog where action = 'RESTORE' and target_id = ? and reason = ?",
                        uuid(thread),
                        "on topic after all"));
        denied(w.owner, RESTORE, thread, null, "CONFLICT");

        // A comment comes back with its text; a resource at the end of its collection.
        call(w.moderator, REMOVE, reply, "rude").body("errors", nullValue());
        call(w.moderator, RESTORE, reply, null)
                .body("data.restoreObject.content", equalTo("Indeed"))
                .body("data.restoreObject.deleted", equalTo(false));
        call(w.moderator, REMOVE, first, "broken link").body("errors", nullValue());
        call(w.moderator, RESTORE, first, null).body("data.restoreObject.position", equalTo(1));

        // What its author deleted is not restored.
        String own = Api.reply(w.author, thread, "Oops");
        Api.ok(
                w.author,
                "mutation($input: DeleteObjectInput!) { deleteObject(input: $input) { deletedId } }",
                Map.of("id", own),
                "data.deleteObject.deletedId");
        denied(w.moderator, RESTORE, own, null, "NOT_FOUND");
    }

    @Test
    void row53_onlyInstanceAdminsPurgeAndNothingOfItStays() {
        World w = World.create();
        User admin = Api.user("admin", "user", "admin");
        User staff = Api.user("staff", "user", "moderator");
        String thread = Api.thread(w.author, w.id, "Illegal material");
        String reply = Api.reply(w.member, thread, "Reported");
        Api.call(
                        w.member,
                        "mutation($input: ObjectIdInput!) { like(input: $input) { object { id } } }",
                        Map.of("input", Map.of("id", thread)))
                .body("errors", nullValue());
        Api.call(
                        w.member,
                        "mutation($input: ObjectIdInput!) { bookmark(input: $input) { object { id } } }",
                        Map.of("input", Map.of("id", reply)))
                .body("errors", nullValue());
        Api.ok(
                w.member,
                "mutation($input: ReportInput!) { reportObject(input: $input) { id } }",
                Map.of("id", thread, "reason", "illegal"),
                "data.reportObject.id");

        denied(w.owner, PURGE, thread, "gone", "FORBIDDEN");
        denied(w.moderator, PURGE, thread, "gone", "FORBIDDEN");
        denied(staff, PURGE, thread, "gone", "FORBIDDEN");
        denied(admin, PURGE, thread, "", "INVALID_INPUT");
        // Removed content can be purged.
        call(w.moderator, REMOVE, thread, "illegal").body("errors", nullValue());
        call(admin, PURGE, thread, "illegal material")
                .body("errors", nullValue())
                .body("data.purgeObject", equalTo(true));

        for (String id : List.of(thread, reply)) {
            assertEquals(0, Rows.count(db, "select count(*) from content where id = ?", uuid(id)));
        }
        assertEquals(0, Rows.count(db, "select count(*) from liking where object_id = ?", uuid(thread)));
        assertEquals(0, Rows.count(db, "select count(*) from bookmark where object_id = ?", uuid(reply)));
        assertEquals(0, Rows.count(db, "select count(*) from search_entry where id = ?", uuid(thread)));
        assertEquals(
                1,
                Rows.count(
                        db,
                        "select count(*) from modlog where action = 'PURGE' and target_id = ? and target_title = ?"
                                + " and reason = 'illegal material'",
                        uuid(thread),
                        "Illegal material"));
        assertEquals(
                1,
                Rows.count(
                        db,
                        "select count(*) from activity where verb = 'PURGE' and undoes = ?",
                        "https://lyceum.test/objects/" + uuid(thread)));
        Api.call(w.member, THREAD, Map.of("id", thread)).body("data.thread", nullValue());
        denied(admin, PURGE, thread, "again", "NOT_FOUND");
    }

    @Test
    void row54_moderatorsAndStaffLockAndUnlockThreads() {
        World w = World.create();
        User staff = Api.user("staff", "user", "moderator");
        String thread = Api.thread(w.author, w.id, "Heated");
        String comment = Api.reply(w.member, thread, "A reply");
        Api.call(w.member, THREAD, Map.of("id", thread)).body("data.thread.locked", equalTo(false));

        denied(w.member, LOCK, thread, null, "FORBIDDEN");
        denied(w.author, LOCK, thread, null, "FORBIDDEN");
        denied(w.moderator, LOCK, comment, null, "INVALID_INPUT");
        call(w.moderator, LOCK, thread, "cooling down")
                .body("errors", nullValue())
                .body("data.lockThread.locked", equalTo(true));
        // Locking what is locked changes nothing and logs nothing.
        call(w.owner, LOCK, thread, null).body("data.lockThread.locked", equalTo(true));
        Api.call(w.member, THREAD, Map.of("id", thread)).body("data.thread.locked", equalTo(true));
        assertEquals(1, modlog("LOCK", thread));
        denied(w.member, UNLOCK, thread, null, "FORBIDDEN");
        call(staff, UNLOCK, thread, "calm again").body("data.unlockThread.locked", equalTo(false));
        assertEquals(1, modlog("UNLOCK", thread));
        Api.call(w.member, THREAD, Map.of("id", thread)).body("data.thread.locked", equalTo(false));
    }

    @Test
    void row55_aLockedThreadTakesRepliesFromItsModeratorsOnly() {
        World w = World.create();
        String thread = Api.thread(w.author, w.id, "Closed");
        String comment = Api.reply(w.member, thread, "Before");
        call(w.moderator, LOCK, thread, null).body("errors", nullValue());
        for (String parent : List.of(thread, comment)) {
            for (User refused : List.of(w.member, w.author)) {
                Api.call(refused, REPLY, Map.of("input", Map.of("inReplyTo", parent, "content", "After")))
                        .body("errors[0].extensions.code", equalTo("FORBIDDEN"))
                        .body("errors[0].message", org.hamcrest.Matchers.containsString("locked"));
            }
        }
        Api.reply(w.moderator, thread, "Closing this discussion.");
        Api.reply(w.owner, comment, "Agreed.");
        Api.call(w.member, THREAD, Map.of("id", thread)).body("data.thread.commentCount", not(equalTo(0)));
        call(w.moderator, UNLOCK, thread, null).body("errors", nullValue());
        Api.reply(w.member, thread, "Thanks");
    }

    @Test
    void instanceStaffModerateAPrivateCommunityTheyAreNotIn() {
        User owner = Api.user("owner");
        User staff = Api.user("staff", "user", "moderator");
        String community = Api.community(owner, "PRIVATE");
        String thread = Api.thread(owner, community, "Staff room gossip");
        Api.call(staff, THREAD, Map.of("id", thread)).body("data.thread", nullValue());
        call(staff, LOCK, thread, null).body("errors", nullValue()).body("data.lockThread.locked", equalTo(true));
        call(staff, REMOVE, thread, "harassment").body("errors", nullValue());
        call(staff, RESTORE, thread, null)
                .body("errors", nullValue())
                .body("data.restoreObject.title", equalTo("Staff room gossip"));
        Api.call(owner, THREAD, Map.of("id", thread)).body("data.thread.locked", equalTo(true));
    }
}
