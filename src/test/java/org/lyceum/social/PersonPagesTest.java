package org.lyceum.social;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.lyceum.support.Api;
import org.lyceum.support.Api.User;
import org.lyceum.support.GraphQL;
import org.lyceum.support.StatementCounter;

/**
 * A person's page (contributions, communities, followers, following) and the caller's bookmarks:
 * what each caller sees (the author, a fellow member, an outsider, anonymous), counts, paging both
 * ways, bad cursors, cost, and statements that do not grow with the number of people.
 */
@QuarkusTest
class PersonPagesTest {

    private static final String PAGE_INFO = " pageInfo { hasNextPage hasPreviousPage startCursor endCursor }";
    private static final String CONTRIBUTIONS = "query($u: String!, $k: [ContentKind!], $first: Int, $after: String,"
            + " $last: Int, $before: String) { person(username: $u) { contributions(kinds: $k, first: $first,"
            + " after: $after, last: $last, before: $before) { totalCount" + PAGE_INFO
            + " edges { cursor node { id __typename } } } } }";
    private static final String COMMUNITIES = "query($u: String!, $after: String) { person(username: $u) {"
            + " communities(first: 10, after: $after) { totalCount edges { node { id visibility } } } } }";
    private static final String FOLLOWS = "query($u: String!, $after: String) { person(username: $u) {"
            + " followers(first: 10, after: $after) { totalCount edges { node { id } } }"
            + " following(first: 10, after: $after) { totalCount edges { node { id } } } } }";
    private static final String BOOKMARKS = "query($first: Int, $after: String, $last: Int, $before: String) {"
            + " bookmarks(first: $first, after: $after, last: $last, before: $before) { totalCount" + PAGE_INFO
            + " edges { node { id ... on Thread { title } ... on Resource { title } } } } }";

    // --- contributions ---------------------------------------------------------------------------

    @Test
    void row26ContributionsShowWhatTheCallerMaySeeWithCounts() {
        User author = Api.user("author");
        User member = Api.user("member");
        User outsider = Api.user("outsider");
        String pub = Api.community(author, "PUBLIC");
        String priv = Api.community(author, "PRIVATE");
        joinPrivate(author, member, priv);
        String collection = Api.collection(author, pub);
        String resource = Api.resource(author, collection, "Halves");
        String publicThread = Api.thread(author, pub, "Open question");
        String privateThread = Api.thread(author, priv, "Members only");
        String privateReply = Api.reply(author, privateThread, "A private reply");
        delete(author, Api.thread(author, pub, "Deleted soon"));
        Api.join(member, pub);
        Api.thread(member, pub, "Someone else's");

        // Every kind: 3 public items (collection, resource, thread) and 2 private ones (thread, reply); a
        // thread's first comment is the thread, and the deleted thread never counts.
        for (User insider : List.of(author, member)) {
            assertEquals(5, contributions(insider, author, null).getInt("totalCount"), insider.username());
        }
        assertEquals(3, contributions(outsider, author, null).getInt("totalCount"));
        assertEquals(3, contributions(null, author, null).getInt("totalCount"));

        List<String> notComments = List.of("COLLECTION", "RESOURCE", "THREAD");
        List<String> all = List.of(privateThread, publicThread, resource, collection);
        List<String> open = List.of(publicThread, resource, collection);
        assertEquals(all, contributions(member, author, notComments).getList("edges.node.id"));
        assertEquals(open, contributions(outsider, author, notComments).getList("edges.node.id"));
        assertEquals(open, contributions(null, author, notComments).getList("edges.node.id"));

        JsonPath threads = contributions(outsider, author, List.of("THREAD"));
        assertEquals(List.of(publicThread), threads.getList("edges.node.id"));
        assertEquals(1, threads.getInt("totalCount"));
        JsonPath comments = contributions(member, author, List.of("COMMENT"));
        assertEquals(List.of(privateReply), comments.getList("edges.node.id"));
        assertEquals(List.of("Comment"), comments.getList("edges.node.__typename"));
        assertEquals(1, comments.getInt("totalCount"));
        JsonPath none = contributions(outsider, author, List.of("COMMENT"));
        assertEquals(List.of(), none.getList("edges"));
        assertEquals(0, none.getInt("totalCount"));
        assertEquals(
                List.of(privateReply, privateThread, publicThread, resource, collection),
                contributions(author, author, null).getList("edges.node.id"));
        assertEquals(
                List.of(resource, collection),
                contributions(outsider, author, List.of("RESOURCE", "COLLECTION"))
                        .getList("edges.node.id"));
    }

    @Test
    void contributionsPageForwardAndBackwardWithCursors() {
        User author = Api.user("author");
        String pub = Api.community(author, "PUBLIC");
        List<String> newestFirst = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            newestFirst.add(0, Api.thread(author, pub, "Thread " + i));
        }
        Map<String, Object> vars = vars(author, List.of("THREAD"));
        vars.put("first", 2);
        JsonPath one = page(null, CONTRIBUTIONS, vars, "data.person.contributions");
        assertEquals(newestFirst.subList(0, 2), one.getList("edges.node.id"));
        assertTrue(one.getBoolean("pageInfo.hasNextPage"));
        assertFalse(one.getBoolean("pageInfo.hasPreviousPage"));
        assertEquals(5, one.getInt("totalCount"));
        vars.put("after", one.getString("pageInfo.endCursor"));
        JsonPath two = page(null, CONTRIBUTIONS, vars, "data.person.contributions");
        assertEquals(newestFirst.subList(2, 4), two.getList("edges.node.id"));
        vars.put("after", two.getString("pageInfo.endCursor"));
        JsonPath three = page(null, CONTRIBUTIONS, vars, "data.person.contributions");
        assertEquals(newestFirst.subList(4, 5), three.getList("edges.node.id"));
        assertFalse(three.getBoolean("pageInfo.hasNextPage"));

        Map<String, Object> back = vars(author, List.of("THREAD"));
        back.put("last", 2);
        JsonPath last = page(null, CONTRIBUTIONS, back, "data.person.contributions");
        assertEquals(newestFirst.subList(3, 5), last.getList("edges.node.id"));
        assertTrue(last.getBoolean("pageInfo.hasPreviousPage"));
        back.put("before", last.getString("pageInfo.startCursor"));
        JsonPath earlier = page(null, CONTRIBUTIONS, back, "data.person.contributions");
        assertEquals(newestFirst.subList(1, 3), earlier.getList("edges.node.id"));
        assertTrue(earlier.getBoolean("pageInfo.hasNextPage"));
    }

    @Test
    void aBadCursorIsInvalidInputForItsOwnField() {
        User person = Api.user("person");
        String garbage = "not-a-cursor";
        String wrongDate = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("2024-02-30 00:00:00+00\n00000000-0000-0000-0000-000000000001"
                        .getBytes(StandardCharsets.UTF_8));
        for (String bad : List.of(garbage, wrongDate)) {
            Map<String, Object> vars = vars(person, null);
            vars.put("after", bad);
            assertInvalid(GraphQL.anonymous(CONTRIBUTIONS, vars), "person", "contributions");
            assertInvalid(
                    GraphQL.anonymous(COMMUNITIES, Map.of("u", person.username(), "after", bad)),
                    "person",
                    "communities");
            assertInvalid(
                    GraphQL.anonymous(FOLLOWS, Map.of("u", person.username(), "after", bad)), "person", "followers");
            assertInvalid(Api.call(person, BOOKMARKS, Map.of("after", bad)), "bookmarks");
        }
        Api.call(person, "{ bookmarks(first: 101) { totalCount } }", Map.of())
                .body("errors[0].extensions.code", equalTo("INVALID_INPUT"));
        GraphQL.anonymous(
                        "query($u: String!) { person(username: $u) { contributions(kinds: [THREAD, null]) { totalCount } } }",
                        Map.of("u", person.username()))
                .body("errors[0].extensions.code", equalTo("INVALID_INPUT"))
                .body("errors[0].extensions.field", equalTo("kinds"));
    }

    // --- communities -----------------------------------------------------------------------------

    @Test
    void row27CommunitiesShowPrivateOnesOnlyToFellowMembers() {
        User owner = Api.user("owner");
        User person = Api.user("person");
        User fellow = Api.user("fellow");
        User outsider = Api.user("outsider");
        String pub = Api.community(owner, "PUBLIC");
        String unlisted = Api.community(owner, "UNLISTED");
        String priv = Api.community(owner, "PRIVATE");
        String requested = Api.community(owner, "PRIVATE");
        String gone = Api.community(owner, "PUBLIC");
        Api.join(person, pub);
        Api.join(person, unlisted);
        joinPrivate(owner, person, priv);
        joinPrivate(owner, fellow, priv);
        Api.join(person, requested); // a join request only: PENDING is not a membership
        Api.join(person, gone);
        delete(owner, gone);

        List<String> open = List.of(unlisted, pub);
        assertEquals(open, communities(outsider, person).getList("edges.node.id"));
        assertEquals(2, communities(outsider, person).getInt("totalCount"));
        assertEquals(open, communities(null, person).getList("edges.node.id"));
        assertEquals(2, communities(null, person).getInt("totalCount"));
        List<String> all = List.of(priv, unlisted, pub);
        assertEquals(all, communities(fellow, person).getList("edges.node.id"));
        assertEquals(3, communities(fellow, person).getInt("totalCount"));
        assertEquals(all, communities(person, person).getList("edges.node.id"));
        // The owner's own page: the deleted community is gone, and of the two private ones the fellow
        // shares one and the outsider none; the private one the person only asked to join shows to nobody.
        assertEquals(List.of("UNLISTED", "PUBLIC"), communities(outsider, owner).getList("edges.node.visibility"));
        assertEquals(2, communities(outsider, owner).getInt("totalCount"));
        assertEquals(List.of(priv, unlisted, pub), communities(fellow, owner).getList("edges.node.id"));
        assertEquals(3, communities(fellow, owner).getInt("totalCount"));
        assertEquals(4, communities(owner, owner).getInt("totalCount"));
    }

    // --- followers and following ------------------------------------------------------------------

    @Test
    void row28FollowersAndFollowingListAcceptedFollowsOfPeopleNewestFirst() {
        User person = Api.user("person");
        User first = Api.user("first");
        User second = Api.user("second");
        User followed = Api.user("followed");
        User owner = Api.user("owner");
        String priv = Api.community(owner, "PRIVATE");
        joinPrivate(owner, person, priv);
        follow(first, person.personId());
        follow(second, person.personId());
        follow(person, followed.personId());
        follow(person, priv); // communities and collections are not in following, so nothing leaks
        follow(person, Api.collection(owner, priv));

        for (@Nullable User caller : new User[] {null, first, person}) {
            JsonPath page = page(caller, FOLLOWS, Map.of("u", person.username()), "data.person");
            assertEquals(List.of(second.personId(), first.personId()), page.getList("followers.edges.node.id"));
            assertEquals(2, page.getInt("followers.totalCount"));
            assertEquals(List.of(followed.personId()), page.getList("following.edges.node.id"));
            assertEquals(1, page.getInt("following.totalCount"));
        }
        JsonPath theirs = page(null, FOLLOWS, Map.of("u", first.username()), "data.person");
        assertEquals(List.of(person.personId()), theirs.getList("following.edges.node.id"));
        assertEquals(0, theirs.getInt("followers.totalCount"));

        // Paging: one at a time, the second page after the first's cursor.
        String one = "query($u: String!, $after: String) { person(username: $u) { followers(first: 1, after: $after)"
                + " { edges { node { id } }" + PAGE_INFO + " } } }";
        JsonPath p1 = page(null, one, Map.of("u", person.username()), "data.person.followers");
        assertTrue(p1.getBoolean("pageInfo.hasNextPage"));
        JsonPath p2 = page(
                null,
                one,
                Map.of("u", person.username(), "after", p1.getString("pageInfo.endCursor")),
                "data.person.followers");
        assertEquals(List.of(first.personId()), p2.getList("edges.node.id"));
        assertFalse(p2.getBoolean("pageInfo.hasNextPage"));
    }

    // --- bookmarks -------------------------------------------------------------------------------

    @Test
    void row29BookmarksArePrivateNewestFirstAndHiddenAfterLeavingAPrivateCommunity() {
        User owner = Api.user("owner");
        User reader = Api.user("reader");
        User other = Api.user("other");
        String pub = Api.community(owner, "PUBLIC");
        String priv = Api.community(owner, "PRIVATE");
        joinPrivate(owner, reader, priv);
        String resource = Api.resource(owner, Api.collection(owner, pub), "Keep");
        String secret = Api.thread(owner, priv, "Secret");
        String open = Api.thread(owner, pub, "Open");
        for (String id : List.of(resource, secret, open)) {
            bookmark(reader, id);
        }
        bookmark(other, open);

        JsonPath mine = page(reader, BOOKMARKS, Map.of(), "data.bookmarks");
        assertEquals(List.of(open, secret, resource), mine.getList("edges.node.id"));
        assertEquals(List.of("Open", "Secret", "Keep"), mine.getList("edges.node.title"));
        assertEquals(3, mine.getInt("totalCount"));
        JsonPath theirs = page(other, BOOKMARKS, Map.of(), "data.bookmarks");
        assertEquals(List.of(open), theirs.getList("edges.node.id"));
        assertEquals(1, theirs.getInt("totalCount"));
        GraphQL.anonymous(BOOKMARKS)
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
        // Nobody reads someone else's bookmarks: the person type has no such field.
        GraphQL.anonymous(
                        "query($u: String!) { person(username: $u) { bookmarks { totalCount } } }",
                        Map.of("u", reader.username()))
                .body("errors[0].extensions.code", equalTo("BAD_QUERY"));

        JsonPath last = page(reader, BOOKMARKS, Map.of("last", 2), "data.bookmarks");
        assertEquals(List.of(secret, resource), last.getList("edges.node.id"));
        assertTrue(last.getBoolean("pageInfo.hasPreviousPage"));
        JsonPath before = page(
                reader,
                BOOKMARKS,
                Map.of("last", 2, "before", last.getString("pageInfo.startCursor")),
                "data.bookmarks");
        assertEquals(List.of(open), before.getList("edges.node.id"));
        JsonPath after = page(
                reader,
                BOOKMARKS,
                Map.of("first", 1, "after", before.getString("pageInfo.endCursor")),
                "data.bookmarks");
        assertEquals(List.of(secret), after.getList("edges.node.id"));

        Api.ok(
                reader,
                "mutation($input: CommunityIdInput!) { leaveCommunity(input: $input) { community { id } } }",
                Map.of("id", priv),
                "data.leaveCommunity.community.id");
        JsonPath left = page(reader, BOOKMARKS, Map.of(), "data.bookmarks");
        assertEquals(List.of(open, resource), left.getList("edges.node.id"));
        assertEquals(2, left.getInt("totalCount"));
        delete(owner, open);
        assertEquals(
                List.of(resource),
                page(reader, BOOKMARKS, Map.of(), "data.bookmarks").getList("edges.node.id"));
    }

    // --- cost and batching -----------------------------------------------------------------------

    private static final String PEOPLE = "query($name: String!, $n: Int) { community(name: $name) {"
            + " members(first: $n) { edges { node { person { username"
            + " contributions(first: 3) { totalCount edges { cursor node { id } } }"
            + " threads: contributions(first: 1, kinds: [THREAD]) { edges { node { id } } }"
            + " communities(first: 2) { totalCount edges { node { id } } }"
            + " followers(first: 2) { totalCount edges { node { id } } }"
            + " following(first: 2) { totalCount edges { node { id } } } } } } } } }";

    @Test
    void twentyPeopleWithTheirListsAreAFixedNumberOfStatements() {
        User owner = Api.user("owner");
        String name = Api.unique("people");
        String community = Api.ok(
                owner,
                "mutation($input: CreateCommunityInput!) { createCommunity(input: $input) { community { id } } }",
                Map.of("name", name, "title", "People", "visibility", "PUBLIC"),
                "data.createCommunity.community.id");
        User previous = owner;
        for (int i = 0; i < 20; i++) {
            User member = Api.user("m" + i);
            Api.join(member, community);
            for (int t = 0; t <= i % 4; t++) {
                Api.thread(member, community, "Thread " + t + " of " + i);
            }
            follow(member, previous.personId());
            previous = member;
        }
        long[] counts = new long[2];
        int[] sizes = {3, 21};
        JsonPath answer = null;
        for (int s = 0; s < sizes.length; s++) {
            Map<String, Object> vars = Map.of("name", name, "n", sizes[s]);
            Api.call(owner, PEOPLE, vars).body("errors", nullValue());
            long before = StatementCounter.quiet();
            answer = Api.call(owner, PEOPLE, vars)
                    .body("errors", nullValue())
                    .extract()
                    .jsonPath();
            counts[s] = StatementCounter.count() - before;
        }
        assertEquals(counts[0], counts[1], "statements for 3 people vs 21");
        // The caller, the community, the members; then each list's pages and its count.
        assertTrue(counts[1] <= 12, counts[1] + " statements");

        List<String> people = answer.getList("data.community.members.edges.node.person.username");
        assertEquals(21, people.size());
        for (int i = 0; i < people.size(); i++) {
            String node = "data.community.members.edges[" + i + "].node.person";
            JsonPath alone = page(
                    owner,
                    "query($u: String!) { person(username: $u) {"
                            + " contributions(first: 3) { totalCount edges { cursor node { id } } }"
                            + " communities(first: 2) { totalCount edges { node { id } } }"
                            + " followers(first: 2) { totalCount edges { node { id } } }"
                            + " following(first: 2) { totalCount edges { node { id } } } } }",
                    Map.of("u", people.get(i)),
                    "data.person");
            for (String field : List.of("contributions", "communities", "followers", "following")) {
                assertEquals(alone.getMap(field), answer.getMap(node + "." + field), field + " of " + people.get(i));
            }
        }
    }

    @Test
    void peopleTimesTheirListsAreCostedBeforeAnythingRuns() {
        String query = "{ community(name: \"anything\") { members(first: 100) { edges { node { person {"
                + " contributions(first: 100) { edges { node { id } } } } } } } } }";
        GraphQL.anonymous(query)
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("QUERY_TOO_COMPLEX"))
                .body("errors[0].extensions.cost", greaterThanOrEqualTo(100 + 100 * 100));
        GraphQL.anonymous("{ bookmarks(first: 100) { edges { node { ... on Collection { resources(first: 100) {"
                        + " edges { node { id } } } } } } } }")
                .body("errors[0].extensions.code", equalTo("QUERY_TOO_COMPLEX"));
    }

    // --- helpers ---------------------------------------------------------------------------------

    private static JsonPath contributions(@Nullable User caller, User author, @Nullable List<String> kinds) {
        return page(caller, CONTRIBUTIONS, vars(author, kinds), "data.person.contributions");
    }

    private static JsonPath communities(@Nullable User caller, User person) {
        return page(caller, COMMUNITIES, Map.of("u", person.username()), "data.person.communities");
    }

    private static Map<String, Object> vars(User person, @Nullable List<String> kinds) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("u", person.username());
        if (kinds != null) {
            vars.put("k", kinds);
        }
        return vars;
    }

    /** The object at {@code path} of an answer without errors, read as the caller (null: anonymous). */
    private static JsonPath page(@Nullable User caller, String query, Map<String, Object> vars, String path) {
        ValidatableResponse response =
                caller == null ? GraphQL.anonymous(query, vars) : GraphQL.as(caller.token(), query, vars);
        JsonPath answer = response.body("errors", nullValue()).extract().jsonPath();
        answer.setRootPath(path);
        return answer;
    }

    private static void assertInvalid(ValidatableResponse response, String... path) {
        response.body("errors[0].extensions.code", equalTo("INVALID_INPUT"))
                .body("errors[0].path", equalTo(List.of(path)));
    }

    private static void joinPrivate(User owner, User person, String community) {
        Api.join(person, community);
        Api.ok(
                owner,
                "mutation($input: DecideJoinRequestInput!) { decideJoinRequest(input: $input) { member { state } } }",
                Map.of("communityId", community, "personId", person.personId(), "approve", true),
                "data.decideJoinRequest.member.state");
    }

    private static void follow(User follower, String target) {
        Api.ok(
                follower,
                "mutation($input: FollowInput!) { follow(input: $input) { target { id } } }",
                Map.of("id", target),
                "data.follow.target.id");
    }

    private static void bookmark(User user, String id) {
        Api.ok(
                user,
                "mutation($input: ObjectIdInput!) { bookmark(input: $input) { object { id } } }",
                Map.of("id", id),
                "data.bookmark.object.id");
    }

    private static void delete(User user, String id) {
        Api.ok(
                user,
                "mutation($input: DeleteObjectInput!) { deleteObject(input: $input) { deletedId } }",
                Map.of("id", id),
                "data.deleteObject.deletedId");
    }
}
