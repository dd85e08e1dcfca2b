package org.lyceum.federation.inbox;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lyceum.common.GlobalId;
import org.lyceum.support.Api;
import org.lyceum.support.Api.User;
import org.lyceum.support.GraphQL;
import org.lyceum.support.Rows;
import org.lyceum.support.StatementCounter;

/**
 * Featured and pinned (issue 14 item 4; rows 31 and 32 of docs/permissions.md): featuring by
 * scope and role, the lists in the order featured and as the caller may see them, the featured
 * collection over ActivityPub, Add/Remove sent for local communities and taken from remote groups.
 */
@QuarkusTest
class FeaturedTest extends InboxFixture {

    private static final String AP = "application/activity+json";
    private static final String FEATURE =
            "mutation($id: ID!, $scope: FeatureScope!) { featureObject(input: {id: $id, scope: $scope}) }";
    private static final String UNFEATURE =
            "mutation($id: ID!, $scope: FeatureScope!) { unfeatureObject(input: {id: $id, scope: $scope}) }";
    private static final String COMMUNITY_FEATURED =
            "query($id: ID!) { node(id: $id) { ... on Community { featured { id __typename } } } }";
    private static final String INSTANCE_FEATURED = "{ instance { featured { id __typename } } }";

    @Test
    void row31ModeratorsPinInTheirCommunityAndAdminsFeatureOnTheInstance() {
        User owner = Api.user("owner");
        User moderator = Api.user("moderator");
        User member = Api.user("member");
        User outsider = Api.user("outsider");
        User admin = Api.user("admin", "user", "admin");
        String community = Api.community(owner, "PUBLIC");
        Api.join(moderator, community);
        Api.join(member, community);
        Api.ok(
                owner,
                "mutation($input: SetMemberRoleInput!) { setMemberRole(input: $input) { member { role } } }",
                Map.of("communityId", community, "personId", moderator.personId(), "role", "MODERATOR"),
                "data.setMemberRole.member.role");
        String thread = Api.thread(member, community, "Rules of this community");
        String collection = Api.collection(member, community);
        String resource = Api.resource(member, collection, "Fractions worksheet");
        String comment = Api.reply(member, thread, "Agreed");

        // COMMUNITY: the owner and moderators pin collections, resources and threads.
        feature(moderator, thread, "COMMUNITY").body("data.featureObject", equalTo(true));
        feature(owner, resource, "COMMUNITY").body("data.featureObject", equalTo(true));
        feature(moderator, collection, "COMMUNITY").body("data.featureObject", equalTo(true));
        feature(owner, thread, "COMMUNITY")
                .body("errors", nullValue())
                .body("data.featureObject", equalTo(true)); // twice is fine, and keeps its place
        Api.call(outsider, COMMUNITY_FEATURED, Map.of("id", community))
                .body("data.node.featured.id", contains(thread, resource, collection))
                .body("data.node.featured.__typename", contains("Thread", "Resource", "Collection"));
        feature(member, thread, "COMMUNITY").body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        feature(outsider, resource, "COMMUNITY").body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        feature(admin, resource, "COMMUNITY").body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        feature(owner, comment, "COMMUNITY").body("errors[0].extensions.code", equalTo("INVALID_INPUT"));
        feature(owner, community, "COMMUNITY").body("errors[0].extensions.code", equalTo("INVALID_INPUT"));
        GraphQL.anonymous(FEATURE, Map.of("id", thread, "scope", "COMMUNITY"))
                .body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
        String secret = Api.thread(owner, Api.community(owner, "PRIVATE"), "Staff room");
        feature(outsider, secret, "COMMUNITY").body("errors[0].extensions.code", equalTo("NOT_FOUND"));

        // Unfeaturing: true when it was featured, false when it was not; nobody else may.
        Api.call(member, UNFEATURE, Map.of("id", resource, "scope", "COMMUNITY"))
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        Api.call(moderator, UNFEATURE, Map.of("id", resource, "scope", "COMMUNITY"))
                .body("data.unfeatureObject", equalTo(true));
        Api.call(moderator, UNFEATURE, Map.of("id", resource, "scope", "COMMUNITY"))
                .body("errors", nullValue())
                .body("data.unfeatureObject", equalTo(false));
        feature(owner, resource, "COMMUNITY").body("data.featureObject", equalTo(true));
        Api.call(outsider, COMMUNITY_FEATURED, Map.of("id", community))
                .body("data.node.featured.id", contains(thread, collection, resource));

        // INSTANCE: admins feature communities and collections.
        feature(admin, collection, "INSTANCE").body("data.featureObject", equalTo(true));
        feature(admin, community, "INSTANCE").body("data.featureObject", equalTo(true));
        feature(admin, community, "INSTANCE").body("data.featureObject", equalTo(true));
        feature(owner, community, "INSTANCE").body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        feature(Api.user("staff", "user", "moderator"), collection, "INSTANCE")
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        feature(admin, thread, "INSTANCE").body("errors[0].extensions.code", equalTo("INVALID_INPUT"));
        feature(admin, resource, "INSTANCE").body("errors[0].extensions.code", equalTo("INVALID_INPUT"));
        GraphQL.anonymous(FEATURE, Map.of("id", community, "scope", "INSTANCE"))
                .body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
        List<String> featured = GraphQL.anonymous(INSTANCE_FEATURED, Map.of())
                .body("errors", nullValue())
                .extract()
                .path("data.instance.featured.id");
        int at = featured.indexOf(collection);
        assertTrue(at >= 0, featured.toString());
        assertEquals(community, featured.get(at + 1), "in the order featured: " + featured);
        Api.call(admin, UNFEATURE, Map.of("id", collection, "scope", "INSTANCE"))
                .body("data.unfeatureObject", equalTo(true));
        Api.call(admin, UNFEATURE, Map.of("id", collection, "scope", "INSTANCE"))
                .body("data.unfeatureObject", equalTo(false));
        List<String> after =
                GraphQL.anonymous(INSTANCE_FEATURED, Map.of()).extract().path("data.instance.featured.id");
        assertTrue(after.contains(community) && !after.contains(collection), after.toString());
        Api.call(owner, COMMUNITY_FEATURED, Map.of("id", community))
                .body("data.node.featured.id", contains(thread, collection, resource));
    }

    @Test
    void row32FeaturedListsShowOnlyWhatTheCallerMaySee() {
        User owner = Api.user("owner");
        User member = Api.user("member");
        User outsider = Api.user("outsider");
        User admin = Api.user("admin", "user", "admin");
        String hidden = Api.community(owner, "PRIVATE");
        Api.join(member, hidden); // a join request
        Api.call(
                        owner,
                        "mutation($c: ID!, $p: ID!) { decideJoinRequest(input: {communityId: $c, personId: $p,"
                                + " approve: true}) { member { state } } }",
                        Map.of("c", hidden, "p", member.personId()))
                .body("errors", nullValue());
        String pinned = Api.thread(owner, hidden, "Marking scheme");
        String shelf = Api.collection(owner, hidden);
        feature(owner, pinned, "COMMUNITY").body("data.featureObject", equalTo(true));
        feature(owner, shelf, "COMMUNITY").body("data.featureObject", equalTo(true));
        feature(admin, hidden, "INSTANCE").body("data.featureObject", equalTo(true));
        // The admin is not a member: a private community's collection is out of their sight.
        feature(admin, shelf, "INSTANCE").body("errors[0].extensions.code", equalTo("NOT_FOUND"));

        Api.call(member, COMMUNITY_FEATURED, Map.of("id", hidden))
                .body("data.node.featured.id", contains(pinned, shelf));
        Api.call(outsider, COMMUNITY_FEATURED, Map.of("id", hidden)).body("data.node.featured", empty());
        GraphQL.anonymous(COMMUNITY_FEATURED, Map.of("id", hidden)).body("data.node.featured", empty());
        List<String> forOutsider =
                Api.call(outsider, INSTANCE_FEATURED, Map.of()).extract().path("data.instance.featured.id");
        List<String> forMember =
                Api.call(member, INSTANCE_FEATURED, Map.of()).extract().path("data.instance.featured.id");
        assertTrue(!forOutsider.contains(hidden) && forMember.contains(hidden), forOutsider + " / " + forMember);

        // Deleted content is left out.
        Api.ok(
                owner,
                "mutation($input: DeleteObjectInput!) { deleteObject(input: $input) { deletedId } }",
                Map.of("id", pinned),
                "data.deleteObject.deletedId");
        Api.call(member, COMMUNITY_FEATURED, Map.of("id", hidden)).body("data.node.featured.id", contains(shelf));
    }

    @Test
    void theFeaturedCollectionIsServedAndChangesAreAnnouncedAsAddAndRemove() {
        User owner = Api.user("owner");
        String community = Api.community(owner, "PUBLIC");
        UUID id = GlobalId.uuid("id", community, "Community");
        String group = communityApId(community);
        given().accept(AP)
                .get("/communities/" + id + "/featured")
                .then()
                .statusCode(200)
                .body("id", equalTo(group + "/featured"))
                .body("type", equalTo("OrderedCollection"))
                .body("totalItems", equalTo(0))
                .body("orderedItems", empty());
        given().accept(AP).get("/communities/" + id).then().body("featured", equalTo(group + "/featured"));

        String follower = peer.actor("fan" + UUID.randomUUID().toString().substring(0, 6), "Person");
        follow(follower, group);
        String first = Api.thread(owner, community, "Read me first");
        String second = Api.thread(owner, community, "Timetable");
        feature(owner, second, "COMMUNITY").body("data.featureObject", equalTo(true));
        feature(owner, first, "COMMUNITY").body("data.featureObject", equalTo(true));
        given().accept(AP)
                .get("/communities/" + id + "/featured")
                .then()
                .statusCode(200)
                .body("totalItems", equalTo(2))
                .body("orderedItems.id", contains(objectApId(second, "Thread"), objectApId(first, "Thread")))
                .body("orderedItems.type", contains("Page", "Page"))
                .body("orderedItems[0].name", equalTo("Timetable"));

        String firstApId = objectApId(first, "Thread");
        assertEquals(
                2,
                Rows.count(
                        db,
                        "select count(*) from activity a join community m on m.id = a.community_id"
                                + " where a.verb = 'ADD' and m.ap_id = ?",
                        group),
                "an ADD activity per feature, written with it");
        JsonObject add = delivered("Add", firstApId);
        assertEquals("Add", add.getString("type"));
        assertEquals(group + "/featured", add.getString("target"));
        assertEquals(firstApId, add.getString("object"));
        assertEquals(
                "https://lyceum.test/people/" + GlobalId.uuid("id", owner.personId(), "Person"),
                add.getString("actor"),
                "by the moderator, as Lemmy sends it");

        Api.call(owner, UNFEATURE, Map.of("id", second, "scope", "COMMUNITY"))
                .body("data.unfeatureObject", equalTo(true));
        JsonObject remove = delivered("Remove", objectApId(second, "Thread"));
        assertEquals(group + "/featured", remove.getString("target"));
        given().accept(AP).get("/communities/" + id + "/featured").then().body("orderedItems.id", contains(firstApId));
        // Unfeaturing what is not featured changes nothing and sends nothing.
        Api.call(owner, UNFEATURE, Map.of("id", second, "scope", "COMMUNITY"))
                .body("data.unfeatureObject", equalTo(false));
        assertEquals(1, deliveredMentioning("Remove", "\"object\":\"" + objectApId(second, "Thread") + "\""));
    }

    @Test
    void aRemoteGroupsAddAndRemoveChangeItsFeaturedListHere() {
        User member = Api.user("member");
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String remoteGroup = peer.actor("club" + suffix, "Group");
        String groupName = "club" + suffix;
        String clubId = GraphQL.as(
                        member.token(), "query($q: String!) { resolve(query: $q) { id } }", Map.of("q", remoteGroup))
                .extract()
                .path("data.resolve.id");
        Api.join(member, clubId);
        String teacherName = "teacher" + suffix;
        String teacher = peer.actor(teacherName, "Person");
        String page = posted(remoteGroup, teacher, "House rules");
        String other = posted(remoteGroup, teacher, "Welcome");

        // A moderator of the group, on its server, adds to the featured collection (as Lemmy does).
        JsonObject add = activity("Add", teacher, page).put("target", remoteGroup + "/featured");
        assertEquals(202, signed(teacherName, "/inbox", add, false).statusCode());
        processed(add.getString("id"));
        assertEquals("DONE", state(add.getString("id")));
        // The group announces the next one.
        JsonObject addOther = activity("Add", teacher, other).put("target", remoteGroup + "/featured");
        addOther.remove("@context");
        JsonObject announce = activity("Announce", remoteGroup, addOther);
        assertEquals(202, signed(groupName, "/inbox", announce, false).statusCode());
        processed(announce.getString("id"));
        assertEquals("DONE", state(announce.getString("id")));
        Api.call(member, COMMUNITY_FEATURED, Map.of("id", clubId))
                .body("errors", nullValue())
                .body("data.node.featured", hasSize(2))
                .body("data.node.featured.__typename", contains("Thread", "Thread"));
        List<String> titles = Api.call(
                        member,
                        "query($id: ID!) { node(id: $id) { ... on Community { featured { ... on Thread { title } } } } }",
                        Map.of("id", clubId))
                .extract()
                .path("data.node.featured.title");
        assertEquals(List.of("House rules", "Welcome"), titles);

        // Nothing else changes it: an Add to another of the group's collections, a Remove naming a
        // featured collection on another server than the actor's, or one of this instance's.
        String mallet = peer.actor("mallet" + suffix, "Person");
        JsonObject wrongTarget = activity("Add", teacher, other).put("target", remoteGroup + "/moderators");
        JsonObject otherHost = activity("Remove", mallet, page)
                .put("target", "https://elsewhere.example/c/club" + suffix + "/featured");
        JsonObject local = activity("Remove", mallet, page).put("target", communityApIdOfThisInstance() + "/featured");
        for (JsonObject refused : List.of(wrongTarget, otherHost, local)) {
            String signer = refused.getString("actor")
                    .substring(refused.getString("actor").lastIndexOf('/') + 1);
            assertEquals(202, signed(signer, "/inbox", refused, false).statusCode());
            processed(refused.getString("id"));
            assertTrue(state(refused.getString("id")).startsWith("IGNORED"), state(refused.getString("id")));
        }
        Api.call(member, COMMUNITY_FEATURED, Map.of("id", clubId)).body("data.node.featured", hasSize(2));

        JsonObject remove = activity("Remove", remoteGroup, page).put("target", remoteGroup + "/featured");
        assertEquals(202, signed(groupName, "/inbox", remove, false).statusCode());
        processed(remove.getString("id"));
        assertEquals("DONE", state(remove.getString("id")));
        Api.call(
                        member,
                        "query($id: ID!) { node(id: $id) { ... on Community { featured { ... on Thread { title } } } } }",
                        Map.of("id", clubId))
                .body("data.node.featured.title", contains("Welcome"));
    }

    @Test
    void featuredOfManyCommunitiesIsOneStatement() {
        User owner = Api.user("owner");
        for (int i = 0; i < 21; i++) {
            String community = Api.community(owner, "PUBLIC");
            String thread = Api.thread(owner, community, "Pinned " + i);
            feature(owner, thread, "COMMUNITY").body("errors", nullValue());
            if (i % 2 == 0) {
                feature(owner, Api.collection(owner, community), "COMMUNITY").body("errors", nullValue());
            }
        }
        String query = "query($u: String!, $n: Int!) { person(username: $u) { communities(first: $n) { edges { node {"
                + " id featured { id } } } } } }";
        long[] counts = new long[2];
        int[] sizes = {3, 21};
        JsonPath answer = null;
        for (int s = 0; s < sizes.length; s++) {
            Map<String, Object> vars = Map.of("u", owner.username(), "n", sizes[s]);
            Api.call(owner, query, vars).body("errors", nullValue());
            counts[s] = Long.MAX_VALUE;
            // The fewest of three: a scheduled job may send a statement while one request is counted.
            for (int attempt = 0; attempt < 3; attempt++) {
                long before = StatementCounter.quiet();
                answer = Api.call(owner, query, vars)
                        .body("errors", nullValue())
                        .extract()
                        .jsonPath();
                counts[s] = Math.min(counts[s], StatementCounter.count() - before);
            }
        }
        assertEquals(counts[0], counts[1], "statements for 3 communities vs 21");
        // The caller, the person, the communities, their featured lists.
        assertTrue(counts[1] <= 5, counts[1] + " statements");
        List<String> ids = answer.getList("data.person.communities.edges.node.id");
        assertEquals(21, ids.size());
        for (int i = 0; i < ids.size(); i++) {
            List<String> alone = Api.call(owner, COMMUNITY_FEATURED, Map.of("id", ids.get(i)))
                    .extract()
                    .path("data.node.featured.id");
            assertEquals(alone, answer.getList("data.person.communities.edges[" + i + "].node.featured.id"));
        }
    }

    @Test
    void aFeaturedListShowsItsFirstFifty() {
        User owner = Api.user("owner");
        String community = Api.community(owner, "PUBLIC");
        String first = null;
        for (int i = 0; i < 51; i++) {
            String thread = Api.thread(owner, community, "Pinned " + i);
            first = first == null ? thread : first;
            feature(owner, thread, "COMMUNITY").body("errors", nullValue());
        }
        Api.call(owner, COMMUNITY_FEATURED, Map.of("id", community))
                .body("data.node.featured", hasSize(50))
                .body("data.node.featured[0].id", equalTo(first));
    }

    private String communityApIdOfThisInstance() {
        return communityApId(Api.community(Api.user("owner"), "PUBLIC"));
    }

    private static io.restassured.response.ValidatableResponse feature(User user, String id, String scope) {
        return Api.call(user, FEATURE, Map.of("id", id, "scope", scope));
    }

    /** A Page the remote group announces, by one of its people; its id. */
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
        JsonObject announce = activity("Announce", group, create);
        assertEquals(
                202,
                signed(group.substring(group.lastIndexOf('/') + 1), "/inbox", announce, false)
                        .statusCode());
        processed(announce.getString("id"));
        assertEquals("DONE", state(announce.getString("id")));
        return pageId;
    }

    /** The activity inside the one delivered Announce of an Add or Remove of the object. */
    private JsonObject delivered(String type, String object) {
        assertEquals(1, deliveredMentioning(type, "\"object\":\"" + object + "\""), type + " of " + object);
        String body = Rows.string(
                db,
                "select body from delivery where inbox like ? and body like ? and body like ?",
                peer.origin() + "%",
                "%\"type\":\"" + type + "\"%",
                "%\"object\":\"" + object + "\"%");
        JsonObject announce = new JsonObject(body);
        assertEquals("Announce", announce.getString("type"));
        return announce.getJsonObject("object");
    }
}
