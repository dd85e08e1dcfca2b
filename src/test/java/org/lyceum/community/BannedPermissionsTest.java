package org.lyceum.community;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lyceum.support.Api;
import org.lyceum.support.Api.User;

/**
 * Rows 15-19 of docs/permissions.md for a person banned from the community (community_ban): what
 * they wrote before the ban stays theirs to delete, but they edit, react and follow no more there.
 */
@QuarkusTest
class BannedPermissionsTest {

    private static final String BAN = "mutation($input: BanInput!) { banFromCommunity(input: $input) { id } }";
    private static final String UPDATE_COLLECTION =
            "mutation($input: UpdateCollectionInput!) { updateCollection(input: $input) { collection { id } } }";
    private static final String UPDATE_RESOURCE =
            "mutation($input: UpdateResourceInput!) { updateResource(input: $input) { resource { id } } }";
    private static final String MOVE =
            "mutation($input: MoveResourceInput!) { moveResource(input: $input) { resource { id } } }";
    private static final String UPDATE_COMMENT =
            "mutation($input: UpdateCommentInput!) { updateComment(input: $input) { comment { id } } }";
    private static final String DELETE =
            "mutation($input: DeleteObjectInput!) { deleteObject(input: $input) { deletedId } }";
    private static final String COMMENT = "query($id: ID!) { node(id: $id) { ... on Comment { content deleted } } }";
    private static final String FOLLOW = "mutation($input: FollowInput!) { follow(input: $input) { target { id } } }";

    /** A public community whose owner bans {@code banned} (a member until then) when the test says so. */
    private record Banned(User owner, User banned, String community) {
        static Banned of() {
            User owner = Api.user("owner");
            User banned = Api.user("banned");
            String community = Api.community(owner, "PUBLIC");
            Api.join(banned, community);
            return new Banned(owner, banned, community);
        }

        void ban() {
            Api.ok(
                    owner,
                    BAN,
                    Map.of("communityId", community, "personId", banned.personId()),
                    "data.banFromCommunity.id");
        }
    }

    private static ValidatableResponse call(User user, String document, Map<String, Object> input) {
        return Api.call(user, document, Map.of("input", input));
    }

    private static void forbidden(User user, String document, Map<String, Object> input) {
        call(user, document, input).body("errors[0].extensions.code", equalTo("FORBIDDEN"));
    }

    @Test
    void row15_theBannedNoLongerEditTheirCollectionsAndResources() {
        Banned b = Banned.of();
        String collection = Api.collection(b.banned, b.community);
        Api.resource(b.banned, collection, "First");
        String resource = Api.resource(b.banned, collection, "Second");
        b.ban();
        forbidden(b.banned, UPDATE_COLLECTION, Map.of("id", collection, "title", "Vandalised"));
        forbidden(b.banned, UPDATE_RESOURCE, Map.of("id", resource, "title", "Vandalised"));
        forbidden(b.banned, MOVE, Map.of("id", resource, "position", 0));
        Api.call(
                        b.owner,
                        "query($c: ID!, $r: ID!) { collection(id: $c) { title } resource(id: $r) { title position } }",
                        Map.of("c", collection, "r", resource))
                .body("data.collection.title", equalTo("Fractions"))
                .body("data.resource.title", equalTo("Second"))
                .body("data.resource.position", equalTo(1));
        call(b.owner, UPDATE_RESOURCE, Map.of("id", resource, "title", "Curated"))
                .body("errors", nullValue());
    }

    @Test
    void row16_theBannedNoLongerEditTheirComments() {
        Banned b = Banned.of();
        String comment = Api.reply(b.banned, Api.thread(b.owner, b.community, "T"), "Before the ban");
        b.ban();
        forbidden(b.banned, UPDATE_COMMENT, Map.of("id", comment, "content", "After the ban"));
        Api.call(b.owner, COMMENT, Map.of("id", comment)).body("data.node.content", equalTo("Before the ban"));
    }

    @Test
    void row17_theBannedStillDeleteWhatTheyWrote() {
        Banned b = Banned.of();
        String comment = Api.reply(b.banned, Api.thread(b.owner, b.community, "T"), "Mine");
        String other = Api.reply(b.owner, Api.thread(b.owner, b.community, "U"), "The owner's");
        b.ban();
        forbidden(b.banned, DELETE, Map.of("id", other));
        call(b.banned, DELETE, Map.of("id", comment)).body("errors", nullValue());
        Api.call(b.owner, COMMENT, Map.of("id", comment)).body("data.node.deleted", equalTo(true));
        Api.call(b.owner, COMMENT, Map.of("id", other)).body("data.node.deleted", equalTo(false));
    }

    @Test
    void row18_theBannedNoLongerLikeOrBookmarkButMayTakeThemBack() {
        Banned b = Banned.of();
        String collection = Api.collection(b.owner, b.community);
        String liked = Api.resource(b.owner, collection, "Liked before");
        String fresh = Api.resource(b.owner, collection, "Fresh");
        Map<String, Object> likedId = Map.of("id", liked);
        call(b.banned, "mutation($input: ObjectIdInput!) { like(input: $input) { object { id } } }", likedId)
                .body("errors", nullValue());
        call(b.banned, "mutation($input: ObjectIdInput!) { bookmark(input: $input) { object { id } } }", likedId)
                .body("errors", nullValue());
        b.ban();
        for (String mutation : new String[] {"like", "bookmark"}) {
            forbidden(
                    b.banned,
                    "mutation($input: ObjectIdInput!) { " + mutation + "(input: $input) { object { id } } }",
                    Map.of("id", fresh));
        }
        String flags = "query($id: ID!) { resource(id: $id) { myLike likeCount myBookmark } }";
        Api.call(b.banned, flags, Map.of("id", fresh))
                .body("data.resource.myLike", equalTo(false))
                .body("data.resource.likeCount", equalTo(0))
                .body("data.resource.myBookmark", equalTo(false));
        for (String mutation : new String[] {"unlike", "unbookmark"}) {
            call(
                            b.banned,
                            "mutation($input: ObjectIdInput!) { " + mutation + "(input: $input) { object { id } } }",
                            likedId)
                    .body("errors", nullValue());
        }
        Api.call(b.banned, flags, likedId)
                .body("data.resource.myLike", equalTo(false))
                .body("data.resource.myBookmark", equalTo(false));
    }

    @Test
    void row19_theBannedNoLongerFollowTheCommunitysCollections() {
        Banned b = Banned.of();
        String collection = Api.collection(b.owner, b.community);
        String followed = Api.collection(b.owner, b.community);
        call(b.banned, FOLLOW, Map.of("id", followed)).body("errors", nullValue());
        b.ban();
        forbidden(b.banned, FOLLOW, Map.of("id", collection));
        forbidden(b.banned, FOLLOW, Map.of("id", b.community));
        String read = "query($id: ID!) { collection(id: $id) { myFollow } }";
        Api.call(b.banned, read, Map.of("id", collection)).body("data.collection.myFollow", equalTo(false));
        call(
                        b.banned,
                        "mutation($input: FollowInput!) { unfollow(input: $input) { target { id } } }",
                        Map.of("id", followed))
                .body("errors", nullValue());
        Api.call(b.banned, read, Map.of("id", followed)).body("data.collection.myFollow", equalTo(false));
    }
}
