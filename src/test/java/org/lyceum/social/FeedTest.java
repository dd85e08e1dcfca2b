package org.lyceum.social;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lyceum.support.Api;
import org.lyceum.support.Api.User;
import org.lyceum.support.GraphQL;
import org.lyceum.support.StatementCounter;

@QuarkusTest
class FeedTest {

    /** What the frontend's home page selects for every item. */
    static final String HOME =
            "query($first: Int, $after: String) { homeFeed(first: $first, after: $after) { totalCount "
                    + "pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id verb published "
                    + "actor { username displayName } community { name title memberCount myRole } "
                    + "object { id ... on Resource { title url licence level likeCount myLike myBookmark "
                    + "author { username displayName followerCount myFollow } "
                    + "collection { title resourceCount likeCount myFollow community { name title memberCount myRole } author { username } } "
                    + "community { name title memberCount followerCount myRole myFollow } } "
                    + "... on Thread { title commentCount } ... on Comment { content replyCount } } } } } }";

    @Test
    void homeFeedIsAtMostThreeStatementsWhateverThePageSize() {
        User reader = Api.user("reader");
        User author = Api.user("author");
        String community = Api.community(author, "PUBLIC");
        Api.join(reader, community);
        String collection = Api.collection(author, community);
        for (int i = 0; i < 25; i++) {
            Api.resource(author, collection, "Resource " + i);
        }
        String token = reader.token();
        String communityName = Api.communityName(reader, community);
        for (int first : new int[] {1, 5, 20}) {
            GraphQL.as(token, HOME, Map.of("first", first)).body("errors", nullValue());
            long before = StatementCounter.count();
            GraphQL.as(token, HOME, Map.of("first", first))
                    .body("errors", nullValue())
                    .body("data.homeFeed.edges", hasSize(first))
                    .body("data.homeFeed.edges[0].node.object.collection.community.name", equalTo(communityName))
                    .body("data.homeFeed.edges[0].node.object.author.username", equalTo(author.username()));
            long statements = StatementCounter.count() - before;
            assertTrue(statements <= 3, "homeFeed(first: " + first + ") sent " + statements + " statements");
            assertTrue(
                    statements >= 2, "the counter must see the viewer, page and count statements, saw " + statements);
        }
    }

    @Test
    void homeFeedShowsWhatTheCallerFollowsNewestFirst() {
        User reader = Api.user("reader");
        User author = Api.user("author");
        User stranger = Api.user("stranger");
        String joined = Api.community(author, "PUBLIC");
        String followed = Api.community(author, "PUBLIC");
        String unrelated = Api.community(stranger, "PUBLIC");
        Api.join(reader, joined);
        Api.ok(
                reader,
                "mutation($input: FollowInput!) { follow(input: $input) { target { id } } }",
                Map.of("id", followed),
                "data.follow.target.id");
        Api.thread(author, joined, "In joined");
        Api.thread(author, followed, "In followed");
        Api.thread(stranger, unrelated, "Unrelated"); // reaches the reader once they follow its author
        Api.ok(
                reader,
                "mutation($input: FollowInput!) { follow(input: $input) { target { id } } }",
                Map.of("id", stranger.personId()),
                "data.follow.target.id");
        Api.thread(stranger, unrelated, "By a followed person");

        Api.call(reader, HOME, Map.of("first", 10))
                .body("errors", nullValue())
                .body("data.homeFeed.totalCount", equalTo(4))
                .body(
                        "data.homeFeed.edges.node.object.title",
                        contains("By a followed person", "Unrelated", "In followed", "In joined"))
                .body("data.homeFeed.edges.node.verb", contains("CREATE", "CREATE", "CREATE", "CREATE"));
        GraphQL.anonymous("{ homeFeed { totalCount } }").body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
    }

    @Test
    void pagesAreStableWhileNewItemsArrive() {
        User author = Api.user("author");
        String community = Api.community(author, "PUBLIC");
        String name = Api.communityName(author, community);
        for (int i = 0; i < 7; i++) {
            Api.thread(author, community, "T" + i);
        }
        String feed =
                "query($name: String!, $first: Int, $after: String, $last: Int, $before: String) { communityFeed(name: $name, "
                        + "first: $first, after: $after, last: $last, before: $before) { totalCount pageInfo { hasNextPage hasPreviousPage "
                        + "startCursor endCursor } edges { node { object { ... on Thread { title } } } } } }";
        var page1 = Api.call(author, feed, Map.of("name", name, "first", 3))
                .body("errors", nullValue())
                .body("data.communityFeed.edges.node.object.title", contains("T6", "T5", "T4"))
                .body("data.communityFeed.pageInfo.hasNextPage", equalTo(true))
                .extract();
        String end = page1.path("data.communityFeed.pageInfo.endCursor");
        Api.thread(author, community, "T7 arrives");
        Map<String, Object> next = new HashMap<>(Map.of("name", name, "first", 3, "after", end));
        String end2 = Api.call(author, feed, next)
                .body("data.communityFeed.edges.node.object.title", contains("T3", "T2", "T1"))
                .body("data.communityFeed.pageInfo.hasPreviousPage", equalTo(true))
                .extract()
                .path("data.communityFeed.pageInfo.startCursor");
        Api.call(author, feed, Map.of("name", name, "last", 2, "before", end2))
                .body("data.communityFeed.edges.node.object.title", contains("T5", "T4"))
                .body("data.communityFeed.pageInfo.hasNextPage", equalTo(true))
                .body("data.communityFeed.pageInfo.hasPreviousPage", equalTo(true));
        Api.call(author, feed, Map.of("name", name, "last", 2))
                .body("data.communityFeed.edges.node.object.title", contains("T1", "T0"))
                .body("data.communityFeed.pageInfo.hasPreviousPage", equalTo(true))
                .body("data.communityFeed.pageInfo.hasNextPage", equalTo(false))
                .body("data.communityFeed.totalCount", equalTo(8));
    }

    @Test
    void pageArgumentsAreValidated() {
        User reader = Api.user("reader");
        List<Object[]> bad = new ArrayList<>();
        bad.add(new Object[] {Map.of("first", 101), "first"});
        bad.add(new Object[] {Map.of("first", -1), "first"});
        bad.add(new Object[] {Map.of("after", "bm90IGEgY3Vyc29y"), "after"});
        for (Object[] b : bad) {
            @SuppressWarnings("unchecked")
            Map<String, Object> vars = (Map<String, Object>) b[0];
            GraphQL.as(
                            reader.token(),
                            "query($first: Int, $after: String) { instanceFeed(first: $first, after: $after) { totalCount } }",
                            vars)
                    .body("errors[0].extensions.code", equalTo("INVALID_INPUT"))
                    .body("errors[0].extensions.field", equalTo(b[1]));
        }
        GraphQL.as(reader.token(), "{ instanceFeed(first: 2, last: 2) { totalCount } }")
                .body("errors[0].extensions.code", equalTo("INVALID_INPUT"));
    }

    @Test
    void theInstanceFeedShowsPublicCommunitiesOnly() {
        User author = Api.user("author");
        String open = Api.community(author, "PUBLIC");
        String unlisted = Api.community(author, "UNLISTED");
        Api.thread(author, open, "Open thread");
        Api.thread(author, unlisted, "Unlisted thread");
        GraphQL.anonymous("{ instanceFeed(first: 100) { edges { node { object { ... on Thread { title } } } } } }")
                .body("errors", nullValue())
                .body("data.instanceFeed.edges.node.object.title", hasItem("Open thread"))
                .body("data.instanceFeed.edges.node.object.title", not(hasItem("Unlisted thread")));
    }
}
