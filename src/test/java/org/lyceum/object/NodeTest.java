package org.lyceum.object;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lyceum.common.GlobalId;
import org.lyceum.support.Api;
import org.lyceum.support.Api.User;
import org.lyceum.support.GraphQL;

/** Relay's node(id): every type comes back by its global id, and ids are checked, not trusted. */
@QuarkusTest
class NodeTest {

    private static final String NODE = "query($id: ID!) { node(id: $id) { __typename id } }";

    @Test
    void everyTypeComesBackByItsGlobalId() {
        User owner = Api.user("owner");
        String community = Api.community(owner, "PUBLIC");
        String collection = Api.collection(owner, community);
        String resource = Api.resource(owner, collection, "R");
        String thread = Api.thread(owner, community, "T");
        String comment = Api.reply(owner, thread, "C");
        String activity = GraphQL.as(
                        owner.token(),
                        "query($n: String!) { communityFeed(name: $n, first: 1) { edges { node { id } } } }",
                        Map.of("n", Api.communityName(owner, community)))
                .extract()
                .path("data.communityFeed.edges[0].node.id");
        Object[][] expected = {
            {owner.personId(), "Person"},
            {community, "Community"},
            {collection, "Collection"},
            {resource, "Resource"},
            {thread, "Thread"},
            {comment, "Comment"},
            {activity, "Activity"}
        };
        for (Object[] e : expected) {
            GraphQL.anonymous("{ node(id: \"" + e[0] + "\") { __typename id } }")
                    .body("errors", nullValue())
                    .body("data.node.__typename", equalTo(e[1]))
                    .body("data.node.id", equalTo(e[0]));
        }
    }

    @Test
    void anIdOfTheWrongTypeFindsNothing() {
        User owner = Api.user("owner");
        String resource = Api.resource(owner, Api.collection(owner, Api.community(owner, "PUBLIC")), "R");
        String forged = GlobalId.of("Thread", GlobalId.decode("id", resource).uuid());
        Api.call(owner, NODE, Map.of("id", forged)).body("errors", nullValue()).body("data.node", nullValue());
        Api.call(owner, "query($id: ID!) { thread(id: $id) { id } }", Map.of("id", forged))
                .body("data.thread", nullValue());
        Api.call(
                        owner,
                        "mutation($input: DeleteObjectInput!) { deleteObject(input: $input) { deletedId } }",
                        Map.of("input", Map.of("id", forged)))
                .body("errors[0].extensions.code", equalTo("NOT_FOUND"));
        Api.call(owner, NODE, Map.of("id", "%%%")).body("errors[0].extensions.code", equalTo("INVALID_INPUT"));
        Api.call(owner, NODE, Map.of("id", GlobalId.of("Nothing", java.util.UUID.randomUUID())))
                .body("errors", nullValue())
                .body("data.node", nullValue());
    }
}
