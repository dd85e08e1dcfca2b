package org.lyceum.social;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lyceum.support.Api;
import org.lyceum.support.Api.User;

/** Likes, bookmarks and follows: counts, the caller's flags, idempotence and bad input. */
@QuarkusTest
class SocialMutationsTest {

    private static final String LIKE = "mutation($input: ObjectIdInput!) { like(input: $input) "
            + "{ object { ... on Resource { likeCount myLike myBookmark } } } }";
    private static final String UNLIKE = "mutation($input: ObjectIdInput!) { unlike(input: $input) "
            + "{ object { ... on Resource { likeCount myLike } } } }";
    private static final String BOOKMARK = "mutation($input: ObjectIdInput!) { bookmark(input: $input) "
            + "{ object { ... on Resource { myBookmark } } } }";
    private static final String FOLLOW = "mutation($input: FollowInput!) { follow(input: $input) { target { id "
            + "... on Person { followerCount myFollow } ... on Community { communityFollowers: followerCount myFollow } "
            + "... on Collection { followerCount myFollow } } } }";
    private static final String UNFOLLOW = "mutation($input: FollowInput!) { unfollow(input: $input) { target { id "
            + "... on Person { followerCount myFollow } } } }";

    @Test
    void likesCountOncePerPersonAndUnlikeUndoes() {
        User owner = Api.user("owner");
        User fan = Api.user("fan");
        String resource = Api.resource(owner, Api.collection(owner, Api.community(owner, "PUBLIC")), "Likeable");
        Api.call(fan, LIKE, Map.of("input", Map.of("id", resource)))
                .body("errors", nullValue())
                .body("data.like.object.likeCount", equalTo(1))
                .body("data.like.object.myLike", equalTo(true));
        Api.call(fan, LIKE, Map.of("input", Map.of("id", resource))).body("data.like.object.likeCount", equalTo(1));
        Api.call(owner, LIKE, Map.of("input", Map.of("id", resource))).body("data.like.object.likeCount", equalTo(2));
        Api.call(fan, UNLIKE, Map.of("input", Map.of("id", resource)))
                .body("data.unlike.object.likeCount", equalTo(1))
                .body("data.unlike.object.myLike", equalTo(false));
    }

    @Test
    void bookmarksArePrivateToTheirOwner() {
        User owner = Api.user("owner");
        User reader = Api.user("reader");
        String resource = Api.resource(owner, Api.collection(owner, Api.community(owner, "PUBLIC")), "Keep");
        Api.call(reader, BOOKMARK, Map.of("input", Map.of("id", resource)))
                .body("errors", nullValue())
                .body("data.bookmark.object.myBookmark", equalTo(true));
        Api.call(owner, "query($id: ID!) { resource(id: $id) { myBookmark } }", Map.of("id", resource))
                .body("data.resource.myBookmark", equalTo(false));
        Api.call(
                        reader,
                        "mutation($input: ObjectIdInput!) { unbookmark(input: $input) { object { ... on Resource { myBookmark } } } }",
                        Map.of("input", Map.of("id", resource)))
                .body("data.unbookmark.object.myBookmark", equalTo(false));
    }

    @Test
    void peopleCommunitiesAndCollectionsCanBeFollowed() {
        User owner = Api.user("owner");
        User follower = Api.user("follower");
        String community = Api.community(owner, "PUBLIC");
        String collection = Api.collection(owner, community);
        for (String target : new String[] {owner.personId(), community, collection}) {
            var followed = Api.call(follower, FOLLOW, Map.of("input", Map.of("id", target)))
                    .body("errors", nullValue())
                    .body("data.follow.target.id", equalTo(target))
                    .body("data.follow.target.myFollow", equalTo(true));
            followed.body(
                    target.equals(community)
                            ? "data.follow.target.communityFollowers"
                            : "data.follow.target.followerCount",
                    equalTo(1));
        }
        Api.call(follower, UNFOLLOW, Map.of("input", Map.of("id", owner.personId())))
                .body("data.unfollow.target.followerCount", equalTo(0))
                .body("data.unfollow.target.myFollow", equalTo(false));
    }

    @Test
    void badTargetsAreRefused() {
        User owner = Api.user("owner");
        String community = Api.community(owner, "PUBLIC");
        Api.call(owner, FOLLOW, Map.of("input", Map.of("id", owner.personId())))
                .body("errors[0].extensions.code", equalTo("INVALID_INPUT"));
        Api.call(owner, LIKE, Map.of("input", Map.of("id", community)))
                .body("errors[0].extensions.code", equalTo("INVALID_INPUT"))
                .body("errors[0].extensions.field", equalTo("id"));
        Api.call(owner, LIKE, Map.of("input", Map.of("id", "garbage")))
                .body("errors[0].extensions.code", equalTo("INVALID_INPUT"));
    }
}
