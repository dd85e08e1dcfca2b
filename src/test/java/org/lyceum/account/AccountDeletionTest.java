package org.lyceum.account;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.lyceum.common.GlobalId;
import org.lyceum.support.Api;
import org.lyceum.support.Api.User;
import org.lyceum.support.GraphQL;
import org.lyceum.support.Rows;
import org.lyceum.support.Tokens;

/** deleteAccount: what goes, what stays under the tombstone, who is told, and that the account never comes back. */
@QuarkusTest
class AccountDeletionTest {

    private static final String DELETE = "mutation($input: DeleteAccountInput) { deleteAccount(input: $input) }";
    private static final String THREAD =
            "query($id: ID!) { thread(id: $id) { id author { username displayName deleted } } }";

    @Inject
    DataSource db;

    @Test
    void row57ADeletedAccountsContentTiesAndNameGoAndItNeverSignsInAgain() {
        User owner = Api.user("owner");
        User ann = Api.user("ann");
        String community = Api.community(owner, "PUBLIC");
        Api.join(ann, community);
        String thread = Api.thread(ann, community, "Ann's question");
        String ownerThread = Api.thread(owner, community, "Owner's thread");
        Api.reply(ann, ownerThread, "Ann's answer");
        String removed = Api.reply(ann, ownerThread, "Ann's removed answer");
        Api.ok(
                owner,
                "mutation($input: RemoveObjectInput!) { removeObject(input: $input) }",
                Map.of("id", removed, "reason", "off topic"),
                "data.removeObject");
        Api.ok(
                ann,
                "mutation($input: ObjectIdInput!) { like(input: $input) { object { id } } }",
                Map.of("id", ownerThread),
                "data.like.object.id");
        Api.ok(
                ann,
                "mutation($input: FollowInput!) { follow(input: $input) { target { id } } }",
                Map.of("id", owner.personId()),
                "data.follow.target.id");
        Api.ok(
                ann,
                "mutation($input: BlockInput!) { block(input: $input) }",
                Map.of("id", owner.personId()),
                "data.block");
        String person = uuid(ann.personId());
        String remoteFollower = remoteFollowerOf(person);

        String webfinger = "/.well-known/webfinger?resource=acct:" + ann.username() + "@lyceum.test";
        assertEquals(200, given().get(webfinger).statusCode());
        assertEquals(
                200,
                given().accept("application/activity+json")
                        .get("/people/" + person)
                        .statusCode());

        Api.call(ann, DELETE, Map.of()).body("errors", nullValue()).body("data.deleteAccount", equalTo(true));

        GraphQL.anonymous(THREAD, Map.of("id", thread)).body("data.thread", nullValue());
        assertEquals(
                0,
                Rows.count(
                        db, "select count(*) from content where author_id = ?::uuid and deleted_at is null", person));
        assertEquals(
                0,
                Rows.count(
                        db,
                        "select count(*) from content where author_id = ?::uuid and (removed_at is not null"
                                + " or (kind = 'COMMENT' and body is not null))",
                        person),
                "what a moderator removed is deleted too: no longer restorable, no text kept");
        for (String table : new String[] {
            "liking where person_id",
            "follow where follower_id",
            "membership where person_id",
            "person_block where blocker_id"
        }) {
            assertEquals(0, Rows.count(db, "select count(*) from " + table + " = ?::uuid", person), table);
        }
        Api.call(ann, "{ me { username } }", Map.of()).body("errors[0].extensions.code", equalTo("ACCOUNT_DELETED"));
        Api.call(ann, "{ communities(first: 1) { edges { node { id } } } }", Map.of())
                .body("errors[0].extensions.code", equalTo("ACCOUNT_DELETED"));
        assertEquals(
                1,
                Rows.count(
                        db,
                        "select count(*) from account where person_id = ?::uuid and deleted_at is not null"
                                + " and email is null",
                        person));
        GraphQL.as(Tokens.user(ann.username()).sign(), "{ me { username } }")
                .body("errors[0].extensions.code", equalTo("CONFLICT"));
        GraphQL.anonymous(
                        "query($q: String!) { search(query: $q, first: 5) { totalCount } }",
                        Map.of("q", ann.username()))
                .body("data.search.totalCount", equalTo(0));

        assertEquals(
                410,
                given().accept("application/activity+json")
                        .get("/people/" + person)
                        .statusCode());
        assertEquals(
                404,
                given().get("/.well-known/webfinger?resource=acct:" + ann.username() + "@lyceum.test")
                        .statusCode());
        String body =
                Rows.string(db, "select body from delivery where inbox = ? order by id desc limit 1", remoteFollower);
        assertTrue(
                body.contains("\"type\":\"Delete\"")
                        && body.contains("\"removeData\":true")
                        && body.contains("\"object\":\"https://lyceum.test/people/" + person + "\""),
                body);
    }

    @Test
    void row57KeptContentStaysUnderADeletedAccount() {
        User owner = Api.user("owner");
        User ben = Api.user("ben");
        String community = Api.community(owner, "PUBLIC");
        Api.join(ben, community);
        String thread = Api.thread(ben, community, "Ben's lesson plan");

        Api.call(ben, DELETE, Map.of("input", Map.of("keepContent", true))).body("data.deleteAccount", equalTo(true));

        GraphQL.anonymous(THREAD, Map.of("id", thread))
                .body("data.thread.id", equalTo(thread))
                .body("data.thread.author.deleted", equalTo(true))
                .body("data.thread.author.displayName", equalTo(ben.username()));
    }

    @Test
    void row57AnOwnerHandsOnTheirCommunitiesFirstAndAnonymousCallersCannotDelete() {
        User owner = Api.user("owner");
        Api.community(owner, "PUBLIC");
        Api.call(owner, DELETE, Map.of()).body("errors[0].extensions.code", equalTo("CONFLICT"));
        Api.call(owner, "{ me { username } }", Map.of()).body("errors", nullValue());
        GraphQL.anonymous("mutation { deleteAccount }").body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
    }

    private static String uuid(String globalId) {
        return GlobalId.uuid("id", globalId, "Person").toString();
    }

    /** A person of another server following this one, as the inbox stores an accepted Follow. */
    private String remoteFollowerOf(String person) {
        String id = UUID.randomUUID().toString();
        String host = "peer-" + id.substring(0, 8) + ".example";
        String inbox = "https://" + host + "/inbox";
        Rows.execute(
                db,
                "insert into person (id, ap_id, username, host, display_name, inbox, shared_inbox)"
                        + " values (?::uuid, ?, 'eve', ?, 'Eve', ?, ?)",
                id,
                "https://" + host + "/users/eve",
                host,
                "https://" + host + "/users/eve/inbox",
                inbox);
        Rows.execute(
                db,
                "insert into follow (id, ap_id, follower_id, person_id) values (gen_random_uuid(), ?, ?::uuid,"
                        + " ?::uuid)",
                "https://" + host + "/follows/1",
                id,
                person);
        return inbox;
    }
}
