package org.lyceum.support;

import static org.hamcrest.Matchers.nullValue;

import io.restassured.response.ValidatableResponse;
import java.util.Map;
import java.util.UUID;

/**
 * Test set-up through the public API only: people with real signed tokens, communities,
 * collections, resources and threads created by GraphQL mutations, each checked to succeed.
 */
public final class Api {

    private Api() {}

    /** A person: a stable subject and username, and a fresh signed token on every call of token(). */
    public record User(String username, Tokens.Builder tokens, String personId) {
        public String token() {
            return tokens.sign();
        }
    }

    public static String unique(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    /** Provisions a new user (first request) and returns them with their Person id. */
    public static User user(String prefix, String... roles) {
        String username = unique(prefix);
        Tokens.Builder tokens = Tokens.user(username);
        if (roles.length > 0) {
            tokens.roles(roles);
        }
        GraphQL.as(tokens.sign(), "{ me { username } }").body("errors", nullValue());
        String id = GraphQL.as(
                        tokens.sign(), "query($u: String!) { person(username: $u) { id } }", Map.of("u", username))
                .extract()
                .path("data.person.id");
        return new User(username, tokens, id);
    }

    public static ValidatableResponse call(User user, String document, Map<String, Object> variables) {
        return GraphQL.as(user.token(), document, variables);
    }

    /** Runs a mutation that must succeed and returns the value at {@code path}. */
    @SuppressWarnings("TypeParameterUnusedInFormals") // as RestAssured's own path(): the caller names the type it reads
    public static <T> T ok(User user, String document, Map<String, Object> input, String path) {
        return call(user, document, Map.of("input", input))
                .body("errors", nullValue())
                .extract()
                .path(path);
    }

    public static String community(User owner, String visibility) {
        return ok(
                owner,
                "mutation($input: CreateCommunityInput!) { createCommunity(input: $input) { community { id } } }",
                Map.of("name", unique("c"), "title", "A community", "visibility", visibility),
                "data.createCommunity.community.id");
    }

    public static String communityName(User anyone, String id) {
        return call(anyone, "query($id: ID!) { node(id: $id) { ... on Community { name } } }", Map.of("id", id))
                .extract()
                .path("data.node.name");
    }

    public static void join(User user, String communityId) {
        ok(
                user,
                "mutation($input: CommunityIdInput!) { joinCommunity(input: $input) { community { id } } }",
                Map.of("id", communityId),
                "data.joinCommunity.community.id");
    }

    public static String collection(User user, String communityId) {
        return ok(
                user,
                "mutation($input: CreateCollectionInput!) { createCollection(input: $input) { collection { id } } }",
                Map.of("communityId", communityId, "title", "Fractions"),
                "data.createCollection.collection.id");
    }

    public static String resource(User user, String collectionId, String title) {
        return ok(
                user,
                "mutation($input: CreateResourceInput!) { createResource(input: $input) { resource { id } } }",
                Map.of(
                        "collectionId",
                        collectionId,
                        "title",
                        title,
                        "url",
                        "https://example.org/" + unique("r"),
                        "licence",
                        "CC-BY-4.0",
                        "language",
                        "en",
                        "level",
                        1),
                "data.createResource.resource.id");
    }

    public static String thread(User user, String communityId, String title) {
        return ok(
                user,
                "mutation($input: CreateThreadInput!) { createThread(input: $input) { thread { id } } }",
                Map.of("communityId", communityId, "title", title, "content", "What do you think?"),
                "data.createThread.thread.id");
    }

    public static String reply(User user, String inReplyTo, String content) {
        return ok(
                user,
                "mutation($input: CreateReplyInput!) { createReply(input: $input) { comment { id } } }",
                Map.of("inReplyTo", inReplyTo, "content", content),
                "data.createReply.comment.id");
    }
}
