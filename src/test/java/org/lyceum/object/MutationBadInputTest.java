package org.lyceum.object;

import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lyceum.support.Api;
import org.lyceum.support.Api.User;

/** Bad input of the mutations whose own test classes cover happy paths and denials only. */
@QuarkusTest
class MutationBadInputTest {

    private static void invalid(User user, String document, Map<String, Object> input, String field) {
        Api.call(user, document, Map.of("input", input))
                .body("errors[0].extensions.code", equalTo("INVALID_INPUT"))
                .body("errors[0].extensions.field", equalTo(field));
    }

    @Test
    void idsOfTheWrongTypeOrShapeAreInvalidInput() {
        User user = Api.user("user");
        String community = Api.community(user, "PUBLIC");
        String collection = Api.collection(user, community);
        String[] onCommunity = {
            "mutation($input: CommunityIdInput!) { joinCommunity(input: $input) { community { id } } }",
            "mutation($input: CommunityIdInput!) { leaveCommunity(input: $input) { community { id } } }"
        };
        for (String document : onCommunity) {
            invalid(user, document, Map.of("id", collection), "id");
            invalid(user, document, Map.of("id", "x"), "id");
        }
        invalid(
                user,
                "mutation($input: DecideJoinRequestInput!) { decideJoinRequest(input: $input) { community { id } } }",
                Map.of("communityId", community, "personId", community, "approve", true),
                "personId");
        String[] onObject = {
            "mutation($input: ObjectIdInput!) { unlike(input: $input) { object { id } } }",
            "mutation($input: ObjectIdInput!) { bookmark(input: $input) { object { id } } }",
            "mutation($input: ObjectIdInput!) { unbookmark(input: $input) { object { id } } }"
        };
        for (String document : onObject) {
            invalid(user, document, Map.of("id", community), "id");
        }
        invalid(
                user,
                "mutation($input: FollowInput!) { unfollow(input: $input) { target { id } } }",
                Map.of("id", Api.resource(user, collection, "R")),
                "id");
        invalid(
                user,
                "mutation($input: DeleteObjectInput!) { deleteObject(input: $input) { deletedId } }",
                Map.of("id", user.personId()),
                "id");
    }

    @Test
    void textsAreCheckedForLengthAndShape() {
        User user = Api.user("user");
        String collection = Api.collection(user, Api.community(user, "PUBLIC"));
        invalid(
                user,
                "mutation($input: UpdateCollectionInput!) { updateCollection(input: $input) { collection { id } } }",
                Map.of("id", collection, "title", " "),
                "title");
        invalid(
                user,
                "mutation($input: UpdateCollectionInput!) { updateCollection(input: $input) { collection { id } } }",
                Map.of("id", collection, "title", "two\nlines"),
                "title");
        String profile = "mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { person { id } } }";
        invalid(user, profile, Map.of("displayName", "x".repeat(101)), "displayName");
        invalid(user, profile, Map.of("iconUrl", "file:///etc/passwd"), "iconUrl");
        invalid(user, profile, Map.of("summary", "bell\u0007"), "summary");
    }
}
