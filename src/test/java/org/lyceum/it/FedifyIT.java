package org.lyceum.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lyceum.support.Required;

/**
 * Interop with software we did not write: a peer built on Fedify follows a Lyceum community,
 * receives its signed Accept and Announces (Fedify verifies Lyceum's draft-cavage signatures) and
 * posts a reply signed once with RFC 9421 and once with draft-cavage, without Linked Data
 * signatures, so Lyceum must verify the HTTP signature itself. A Lyceum user then resolves and
 * follows the Fedify actor, whose normal (double-knocking) Accept Lyceum verifies.
 */
class FedifyIT {

    private static FederationIT.Instance lyceum;
    private static FedifyPeer peer;

    @BeforeAll
    static void start() throws Exception {
        String missing = FedifyPeer.unavailable();
        Required.dependency(missing == null, () -> "Fedify interop skipped: " + missing);
        lyceum = FederationIT.Instance.start("fedify-lyceum");
        peer = FedifyPeer.start("alice", Map.of("DELIVERY", "strict", "LOG_LEVEL", "info"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (peer != null) {
            peer.close();
        }
        if (lyceum != null) {
            lyceum.close();
        }
    }

    private static JsonNode awaitReceived(String what, Predicate<JsonNode> match) throws Exception {
        long end = System.nanoTime() + FederationIT.WAIT.toNanos();
        while (System.nanoTime() < end) {
            for (JsonNode r : peer.get("/control/received")) {
                if (match.test(r)) {
                    return r;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the Fedify peer never received " + what + "; it got " + peer.get("/control/received")
                + "; rejected: " + peer.get("/control/rejected"));
    }

    @Test
    void aFedifyPeerFollowsPostsAndIsFollowed() throws Exception {
        String owner = FederationIT.token("owen");
        AppProcess app = lyceum.app();
        JsonNode created = FederationIT.gql(
                app,
                owner,
                "mutation { createCommunity(input: {name: \"chemistry\", title: \"Chemistry\"}) "
                        + "{ community { id } } }",
                Map.of());
        String community =
                created.get("createCommunity").get("community").get("id").asText();
        String group = lyceum.url("/communities/", community);

        Http.Reply follow = peer.post("/control/follow", Map.of("target", group, "signature", "rfc9421"));
        assertEquals(200, follow.status(), "Lyceum took the RFC 9421-signed Follow: " + follow.body());
        String followId = follow.body().get("followId").asText();
        JsonNode accept = awaitReceived(
                "the Accept",
                r -> "Accept".equals(r.path("type").asText())
                        && followId.equals(r.path("objectId").asText()));
        assertEquals("http-signatures", accept.path("verifiedBy").asText(), "Fedify verified Lyceum's HTTP signature");
        assertEquals("cavage", accept.path("httpSignature").asText());

        String threadId = FederationIT.gql(
                        app,
                        owner,
                        "mutation($c: ID!) { createThread(input: {communityId: $c, title: \"Acids\","
                                + " content: \"Why does lemon juice taste sour?\"}) { thread { id } } }",
                        Map.of("c", community))
                .get("createThread")
                .get("thread")
                .get("id")
                .asText();
        String thread = lyceum.url("/objects/", threadId);
        awaitReceived(
                "Announce(Create(Page))",
                r -> "Announce".equals(r.path("type").asText())
                        && "Create".equals(r.path("objectType").asText())
                        && r.path("raw").toString().contains(thread));
        awaitReceived(
                "the bare Announce of the Page",
                r -> "Announce".equals(r.path("type").asText())
                        && thread.equals(r.path("objectId").asText()));

        for (String scheme : new String[] {"rfc9421", "cavage"}) {
            Http.Reply note = peer.post(
                    "/control/note",
                    Map.of(
                            "to",
                            group,
                            "content",
                            "<p>Citric acid, in " + scheme + ".</p>",
                            "inReplyTo",
                            thread,
                            "signature",
                            scheme));
            assertEquals(200, note.status(), scheme + ": " + note.body());
        }
        String threadQuery =
                "query($id: ID!) { node(id: $id) { ... on Thread { comments { edges { node { content author { username } } } } } } }";
        JsonNode comments = FederationIT.await(
                "both replies in the thread",
                () -> FederationIT.gql(app, owner, threadQuery, Map.of("id", threadId)),
                d -> d.get("node").get("comments").get("edges").size() == 3);
        assertTrue(comments.toString().contains("Citric acid, in rfc9421."), comments.toString());
        assertTrue(comments.toString().contains("Citric acid, in cavage."), comments.toString());

        String alice = FederationIT.gql(
                        app,
                        owner,
                        "query($q: String!) { resolve(query: $q) { id } }",
                        Map.of("q", "@alice@127.0.0.1:" + peer.port))
                .get("resolve")
                .get("id")
                .asText();
        FederationIT.gql(
                app, owner, "mutation($id: ID!) { follow(input: {id: $id}) { target { id } } }", Map.of("id", alice));
        awaitReceived(
                "Lyceum's Follow",
                r -> "Follow".equals(r.path("type").asText())
                        && "http-signatures".equals(r.path("verifiedBy").asText()));
        FederationIT.await(
                "the Fedify peer's Accept",
                () -> FederationIT.gql(
                        app,
                        owner,
                        "query($id: ID!) { node(id: $id) { ... on Person { myFollow } } }",
                        Map.of("id", alice)),
                d -> d.get("node").get("myFollow").asBoolean());
    }
}
