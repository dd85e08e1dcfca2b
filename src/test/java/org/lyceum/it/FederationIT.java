package org.lyceum.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lyceum.support.TestDatabase;
import org.lyceum.support.Tokens;

/**
 * Three Lyceum instances, each with its own port and database, federating over real HTTP: people
 * on A and C join a community on B; what is posted, replied, liked, edited and deleted on one
 * reaches the others through B's group; a private community's join waits for its moderator.
 */
class FederationIT {

    static final Duration WAIT = Duration.ofSeconds(60);
    private static final List<Instance> instances = new ArrayList<>();
    private static AppProcess a;
    private static AppProcess b;
    private static AppProcess c;

    /** A Lyceum process with its own database, base URL http://127.0.0.1:<port>, taking test-issuer tokens. */
    record Instance(AppProcess app, TestDatabase db) implements AutoCloseable {

        static Instance start(String name) throws Exception {
            return start(name, Map.of());
        }

        static Instance start(String name, Map<String, String> extra) throws Exception {
            TestDatabase db = TestDatabase.create();
            int port = AppProcess.freePort();
            Map<String, String> env = new HashMap<>(AppProcess.databaseEnv(db));
            env.putAll(Map.of(
                    "QUARKUS_OIDC_PUBLIC_KEY",
                    testIssuerPublicKey(),
                    "QUARKUS_OIDC_TOKEN_ISSUER",
                    Tokens.ISSUER,
                    "LYCEUM_REGISTRATION_POLICY",
                    "open",
                    "LYCEUM_INSTANCE_BASE_URL",
                    "http://127.0.0.1:" + port,
                    "LYCEUM_INSTANCE_NAME",
                    "Lyceum " + name,
                    "LYCEUM_FEDERATION_PRIVATE_ADDRESS_ALLOWLIST",
                    "127.0.0.1",
                    "LYCEUM_FEDERATION_PLAIN_HTTP",
                    "true",
                    "QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE",
                    "8"));
            env.putAll(extra);
            try {
                return new Instance(AppProcess.start(name, Files.createTempDirectory("lyceum-" + name), env, port), db);
            } catch (Exception e) {
                db.drop();
                throw e;
            }
        }

        /** The ActivityPub URL of a row named by a GraphQL id, e.g. url("/communities/", id). */
        String url(String prefix, String globalId) {
            String raw = new String(Base64.getUrlDecoder().decode(globalId), java.nio.charset.StandardCharsets.UTF_8);
            return "http://127.0.0.1:" + app.port + prefix + raw.substring(raw.indexOf(':') + 1);
        }

        @Override
        public void close() throws Exception {
            try {
                app.close();
            } finally {
                db.drop();
            }
        }
    }

    @BeforeAll
    static void start() throws Exception {
        instances.add(Instance.start("federation-a"));
        instances.add(Instance.start("federation-b"));
        // C answers signed fetches only: everything below must work with it all the same.
        instances.add(Instance.start("federation-c", Map.of("LYCEUM_FEDERATION_AUTHORIZED_FETCH", "true")));
        a = instances.get(0).app();
        b = instances.get(1).app();
        c = instances.get(2).app();
    }

    @AfterAll
    static void stop() throws Exception {
        for (Instance instance : instances) {
            instance.close();
        }
    }

    /** The public half of quarkus-test-oidc-server's signing key, which {@link Tokens} signs with. */
    static String testIssuerPublicKey() throws Exception {
        try (var in = FederationIT.class.getClassLoader().getResourceAsStream("privateKey.jwk")) {
            JsonNode jwk = Http.JSON.readTree(in);
            Base64.Decoder url = Base64.getUrlDecoder();
            var key = KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(
                            new BigInteger(1, url.decode(jwk.get("n").asText())),
                            new BigInteger(1, url.decode(jwk.get("e").asText()))));
            return Base64.getEncoder().encodeToString(key.getEncoded());
        }
    }

    static String token(String username) {
        return Tokens.user(username).email(username + "@school.example").sign();
    }

    static JsonNode gql(AppProcess app, String token, String query, Map<String, Object> variables) throws Exception {
        Http.Reply reply = Http.graphql(app, token, query, variables);
        assertEquals(200, reply.status(), String.valueOf(reply.body()));
        assertNull(reply.body().get("errors"), String.valueOf(reply.body()));
        return reply.body().get("data");
    }

    static JsonNode await(String what, Callable<JsonNode> probe, java.util.function.Predicate<JsonNode> done)
            throws Exception {
        long end = System.nanoTime() + WAIT.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < end) {
            last = probe.call();
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("waited " + WAIT + " for " + what + "; last seen: " + last);
    }

    private static String handle(String name, AppProcess app) {
        return "@" + name + "@127.0.0.1:" + app.port;
    }

    private static String join(AppProcess app, String token, String handle) throws Exception {
        String id = gql(
                        app,
                        token,
                        "query($q: String!) { resolve(query: $q) { id ... on Community { title local } } }",
                        Map.of("q", handle))
                .get("resolve")
                .get("id")
                .asText();
        JsonNode joined = gql(
                app,
                token,
                "mutation($id: ID!) { joinCommunity(input: {id: $id}) { community { myMembership } } }",
                Map.of("id", id));
        assertEquals(
                "PENDING",
                joined.get("joinCommunity").get("community").get("myMembership").asText(),
                "a remote join waits for the group's Accept");
        return id;
    }

    private static JsonNode membership(AppProcess app, String token, String id) throws Exception {
        return gql(
                        app,
                        token,
                        "query($id: ID!) { node(id: $id) { ... on Community { myMembership } } }",
                        Map.of("id", id))
                .get("node")
                .get("myMembership");
    }

    private static String carolsUuid(AppProcess app, String token) throws Exception {
        String id = gql(app, token, "{ person(username: \"carol\") { id } }", Map.of())
                .get("person")
                .get("id")
                .asText();
        return uuidOf(id);
    }

    private static final String THREAD = "query($id: ID!) { thread(id: $id) { title likeCount commentCount "
            + "comments { edges { node { id content deleted } } } } }";

    @Test
    void aCommunityOnBIsJoinedFromAAndCAndEverythingPropagates() throws Exception {
        String bob = token("bob");
        String alice = token("alice");
        String carol = token("carol");
        String physics = gql(
                        b,
                        bob,
                        "mutation { createCommunity(input: {name: \"physics\", title: \"Physics teachers\"}) "
                                + "{ community { id } } }",
                        Map.of())
                .get("createCommunity")
                .get("community")
                .get("id")
                .asText();

        String onA = join(a, alice, handle("physics", b));
        String onC = join(c, carol, handle("physics", b));
        await("alice's join accepted", () -> membership(a, alice, onA), m -> "JOINED".equals(m.asText()));
        await("carol's join accepted", () -> membership(c, carol, onC), m -> "JOINED".equals(m.asText()));
        String carolUrl = gql(
                        b,
                        bob,
                        "query($id: ID!) { node(id: $id) { ... on Community { members(first: 5) { edges { node "
                                + "{ person { handle } } } } } } }",
                        Map.of("id", physics))
                .toString();
        assertTrue(
                carolUrl.contains("carol@127.0.0.1:" + c.port),
                "B fetched carol from C with a signed GET: " + carolUrl);
        assertEquals(
                401,
                AppProcess.status(c, "/people/" + carolsUuid(c, carol), "application/activity+json"),
                "C refuses unsigned ActivityPub fetches");
        assertEquals(200, AppProcess.status(c, "/actor", "application/activity+json"), "but serves its instance actor");

        gql(
                b,
                bob,
                "mutation($c: ID!) { createThread(input: {communityId: $c, title: \"Energy\", content: \"What is energy?\"}) "
                        + "{ thread { id } } }",
                Map.of("c", physics));
        String feed = "{ homeFeed(first: 10) { edges { node { verb object { id ... on Thread { title } } } } } }";
        JsonNode aFeed = await(
                "the thread in alice's home feed on A",
                () -> gql(a, alice, feed, Map.of()),
                d -> d.get("homeFeed").get("edges").size() > 0);
        assertEquals(
                "Energy",
                aFeed.get("homeFeed")
                        .get("edges")
                        .get(0)
                        .get("node")
                        .get("object")
                        .get("title")
                        .asText());
        String threadOnA = aFeed.get("homeFeed")
                .get("edges")
                .get(0)
                .get("node")
                .get("object")
                .get("id")
                .asText();
        String threadOnC = await(
                        "the thread on C",
                        () -> gql(c, carol, feed, Map.of()),
                        d -> d.get("homeFeed").get("edges").size() > 0)
                .get("homeFeed")
                .get("edges")
                .get(0)
                .get("node")
                .get("object")
                .get("id")
                .asText();
        String threadOnB = gql(b, bob, feed, Map.of())
                .get("homeFeed")
                .get("edges")
                .get(0)
                .get("node")
                .get("object")
                .get("id")
                .asText();
        assertEquals(
                "What is energy?",
                gql(a, alice, THREAD, Map.of("id", threadOnA))
                        .get("thread")
                        .get("comments")
                        .get("edges")
                        .get(0)
                        .get("node")
                        .get("content")
                        .asText(),
                "the Page's content is the thread's first comment");

        String reply = gql(
                        a,
                        alice,
                        "mutation($t: ID!) { createReply(input: {inReplyTo: $t, content: \"The capacity to do work.\"}) "
                                + "{ comment { id } } }",
                        Map.of("t", threadOnA))
                .get("createReply")
                .get("comment")
                .get("id")
                .asText();
        await(
                "alice's reply on B",
                () -> gql(b, bob, THREAD, Map.of("id", threadOnB)),
                d -> d.get("thread").get("commentCount").asInt() == 2);
        await(
                "alice's reply on C, announced by B",
                () -> gql(c, carol, THREAD, Map.of("id", threadOnC)),
                d -> d.get("thread").get("commentCount").asInt() == 2);

        gql(c, carol, "mutation($id: ID!) { like(input: {id: $id}) { object { id } } }", Map.of("id", threadOnC));
        await(
                "carol's like on B",
                () -> gql(b, bob, THREAD, Map.of("id", threadOnB)),
                d -> d.get("thread").get("likeCount").asInt() == 1);
        await(
                "carol's like on A, announced by B",
                () -> gql(a, alice, THREAD, Map.of("id", threadOnA)),
                d -> d.get("thread").get("likeCount").asInt() == 1);
        gql(c, carol, "mutation($id: ID!) { unlike(input: {id: $id}) { object { id } } }", Map.of("id", threadOnC));
        await(
                "carol's unlike on B",
                () -> gql(b, bob, THREAD, Map.of("id", threadOnB)),
                d -> d.get("thread").get("likeCount").asInt() == 0);

        gql(
                a,
                alice,
                "mutation($id: ID!) { updateComment(input: {id: $id, content: \"The capacity to do work, roughly.\"}) "
                        + "{ comment { id } } }",
                Map.of("id", reply));
        await("the edit on C", () -> gql(c, carol, THREAD, Map.of("id", threadOnC)), d -> d.toString()
                .contains("The capacity to do work, roughly."));
        gql(a, alice, "mutation($id: ID!) { deleteObject(input: {id: $id}) { deletedId } }", Map.of("id", reply));
        await(
                "the deletion on B",
                () -> gql(b, bob, THREAD, Map.of("id", threadOnB)),
                d -> d.get("thread").get("commentCount").asInt() == 1);
        await(
                "the deletion on C",
                () -> gql(c, carol, THREAD, Map.of("id", threadOnC)),
                d -> d.get("thread").get("commentCount").asInt() == 1);

        // A thread started on A in B's community reaches B, and C through B's group.
        gql(
                a,
                alice,
                "mutation($c: ID!) { createThread(input: {communityId: $c, title: \"Power\", content: \"Energy per time?\"}) "
                        + "{ thread { id } } }",
                Map.of("c", onA));
        await("alice's thread on B", () -> gql(b, bob, feed, Map.of()), d -> d.toString()
                .contains("Power"));
        await("alice's thread on C", () -> gql(c, carol, feed, Map.of()), d -> d.toString()
                .contains("Power"));

        // The library travels too: a collection, then a resource in it with its metadata, then an edit.
        String collection = gql(
                        b,
                        bob,
                        "mutation($c: ID!) { createCollection(input: {communityId: $c, title: \"Energy basics\"}) "
                                + "{ collection { id } } }",
                        Map.of("c", physics))
                .get("createCollection")
                .get("collection")
                .get("id")
                .asText();
        String resource = gql(
                        b,
                        bob,
                        "mutation($c: ID!) { createResource(input: {collectionId: $c, title: \"Kinetic energy\","
                                + " url: \"https://example.org/kinetic\", licence: \"CC-BY-4.0\", language: \"en\", level: 2}) { resource { id } } }",
                        Map.of("c", collection))
                .get("createResource")
                .get("resource")
                .get("id")
                .asText();
        String library =
                "query($id: ID!) { node(id: $id) { ... on Community { collections(first: 5) { edges { node { title "
                        + "resources(first: 5) { edges { node { title url licence language level } } } } } } } } }";
        JsonNode onAlice = await("the resource on A", () -> gql(a, alice, library, Map.of("id", onA)), d -> d.toString()
                .contains("Kinetic energy"));
        JsonNode node =
                onAlice.get("node").get("collections").get("edges").get(0).get("node");
        assertEquals("Energy basics", node.get("title").asText());
        JsonNode res = node.get("resources").get("edges").get(0).get("node");
        assertEquals("https://example.org/kinetic", res.get("url").asText());
        assertEquals("CC-BY-4.0", res.get("licence").asText());
        assertEquals(2, res.get("level").asInt());
        gql(
                b,
                bob,
                "mutation($id: ID!) { updateResource(input: {id: $id, title: \"Kinetic energy, explained\"}) { resource { id } } }",
                Map.of("id", resource));
        await("the resource's edit on C", () -> gql(c, carol, library, Map.of("id", onC)), d -> d.toString()
                .contains("Kinetic energy, explained"));

        // A link to a comment on B, in a community nobody on A joined, opens on A (resolve fetches
        // it with its thread, authors and community through B's signed-fetch-only object URLs).
        String chemistry = gql(
                        b,
                        bob,
                        "mutation { createCommunity(input: {name: \"chemistry\", title: \"Chemistry\"}) { community { id } } }",
                        Map.of())
                .get("createCommunity")
                .get("community")
                .get("id")
                .asText();
        String moles = gql(
                        b,
                        bob,
                        "mutation($c: ID!) { createThread(input: {communityId: $c, title: \"Moles\", content: \"How many?\"}) "
                                + "{ thread { id } } }",
                        Map.of("c", chemistry))
                .get("createThread")
                .get("thread")
                .get("id")
                .asText();
        String avogadro = gql(
                        b,
                        bob,
                        "mutation($t: ID!) { createReply(input: {inReplyTo: $t, content: \"Avogadro's number\"}) "
                                + "{ comment { id } } }",
                        Map.of("t", moles))
                .get("createReply")
                .get("comment")
                .get("id")
                .asText();
        JsonNode opened = gql(
                        a,
                        alice,
                        "query($q: String!) { resolve(query: $q) { __typename ... on Comment { content"
                                + " thread { title community { title local } } } } }",
                        Map.of("q", "http://127.0.0.1:" + b.port + "/objects/" + uuidOf(avogadro)))
                .get("resolve");
        assertEquals("Comment", opened.get("__typename").asText());
        assertEquals("Avogadro's number", opened.get("content").asText());
        assertEquals("Moles", opened.get("thread").get("title").asText());
        assertEquals(
                "Chemistry", opened.get("thread").get("community").get("title").asText());
        assertFalse(opened.get("thread").get("community").get("local").asBoolean());
    }

    /** The UUID inside a global id (base64url of "Type:uuid"), which is also the object's URL path. */
    private static String uuidOf(String globalId) {
        String raw = new String(Base64.getUrlDecoder().decode(globalId), java.nio.charset.StandardCharsets.UTF_8);
        return raw.substring(raw.indexOf(':') + 1);
    }

    @Test
    void aPrivateCommunityAcceptsOnlyAfterItsModeratorApproves() throws Exception {
        String dora = token("dora");
        String eve = token("eve");
        String staff = gql(
                        b,
                        dora,
                        "mutation { createCommunity(input: {name: \"staffroom\", title: \"Staff room\", visibility: PRIVATE}) "
                                + "{ community { id } } }",
                        Map.of())
                .get("createCommunity")
                .get("community")
                .get("id")
                .asText();
        String onA = join(a, eve, handle("staffroom", b));
        JsonNode requests = await(
                "eve's join request on B",
                () -> gql(
                        b,
                        dora,
                        "query($id: ID!) { node(id: $id) { ... on Community "
                                + "{ joinRequests(first: 5) { edges { node { person { id username } } } } } } }",
                        Map.of("id", staff)),
                d -> d.get("node").get("joinRequests").get("edges").size() == 1);
        Thread.sleep(2_000);
        assertEquals("PENDING", membership(a, eve, onA).asText(), "no Accept before the moderator decides");
        String person = requests.get("node")
                .get("joinRequests")
                .get("edges")
                .get(0)
                .get("node")
                .get("person")
                .get("id")
                .asText();
        gql(
                b,
                dora,
                "mutation($c: ID!, $p: ID!) { decideJoinRequest(input: {communityId: $c, personId: $p, approve: true}) "
                        + "{ member { role } } }",
                Map.of("c", staff, "p", person));
        await("eve's join accepted", () -> membership(a, eve, onA), m -> "JOINED".equals(m.asText()));
    }

    @Test
    void aDeletedAccountsContentDisappearsOnTheOtherInstance() throws Exception {
        String jack = token("jack");
        String ivy = token("ivy");
        gql(
                b,
                jack,
                "mutation { createCommunity(input: {name: \"biology\", title: \"Biology teachers\"}) "
                        + "{ community { id } } }",
                Map.of());
        String onA = join(a, ivy, handle("biology", b));
        await("ivy's join accepted", () -> membership(a, ivy, onA), m -> "JOINED".equals(m.asText()));
        gql(
                a,
                ivy,
                "mutation($c: ID!) { createThread(input: {communityId: $c, title: \"Titration\", content: \"Drops\"}) "
                        + "{ thread { id } } }",
                Map.of("c", onA));
        String threads = "{ community(name: \"biology\") { threads(first: 5) { edges { node { title } } } } }";
        await(
                "ivy's thread on B",
                () -> gql(b, jack, threads, Map.of()),
                d -> d.get("community").get("threads").get("edges").size() == 1);

        JsonNode deleted = gql(a, ivy, "mutation { deleteAccount }", Map.of());
        assertTrue(deleted.get("deleteAccount").asBoolean());
        await(
                "ivy's thread gone from B after the account's Delete",
                () -> gql(b, jack, threads, Map.of()),
                d -> d.get("community").get("threads").get("edges").isEmpty());
        JsonNode again = Http.graphql(a, ivy, "{ me { username } }", Map.of()).body();
        assertEquals(
                "ACCOUNT_DELETED",
                again.get("errors").get(0).get("extensions").get("code").asText(),
                again.toString());
    }

    @Test
    void aBlockedPersonsServerReceivesTheBlockAndItsUndo() throws Exception {
        String gina = token("gina");
        String hank = token("hank");
        gql(a, gina, "{ me { username } }", Map.of());
        gql(b, hank, "{ me { username } }", Map.of());
        String resolve = "query($q: String!) { resolve(query: $q) { id } }";
        String ginaOnB = gql(b, hank, resolve, Map.of("q", handle("gina", a)))
                .get("resolve")
                .get("id")
                .asText();
        gql(b, hank, "mutation($id: ID!) { follow(input: {id: $id}) { __typename } }", Map.of("id", ginaOnB));
        String following = "{ person(username: \"hank\") { following(first: 5) { edges { node { username } } } } }";
        await(
                "hank on B following gina on A (the Accept)",
                () -> gql(b, hank, following, Map.of()),
                d -> d.get("person").get("following").get("edges").size() == 1);

        String hankOnA = gql(a, gina, resolve, Map.of("q", handle("hank", b)))
                .get("resolve")
                .get("id")
                .asText();
        assertTrue(gql(a, gina, "mutation($id: ID!) { block(input: {id: $id}) }", Map.of("id", hankOnA))
                .get("block")
                .asBoolean());
        await(
                "B applying gina's Block: hank's follow of her ends there",
                () -> gql(b, hank, following, Map.of()),
                d -> d.get("person").get("following").get("edges").isEmpty());
        assertEquals(
                "DONE", inboxState(instances.get(1), "Block"), "B took the Block of a person as such, not as a ban");

        assertTrue(gql(a, gina, "mutation($id: ID!) { unblock(input: {id: $id}) }", Map.of("id", hankOnA))
                .get("unblock")
                .asBoolean());
        await(
                "B receiving the Undo(Block)",
                () -> Http.JSON.getNodeFactory().textNode(inboxState(instances.get(1), "Undo")),
                d -> "DONE".equals(d.asText()));
    }

    /** The state of the latest activity of this type B's inboxes took from A's gina ("" before any). */
    private static String inboxState(Instance on, String type) throws Exception {
        try (var connection = on.db().connect();
                var statement = connection.prepareStatement("select state from inbox_activity where type = ?"
                        + " and actor like '%/people/%' and body like '%\"type\":\"Block\"%'"
                        + " order by id desc limit 1")) {
            statement.setString(1, type);
            try (var rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : "";
            }
        }
    }

    @Test
    void aModeratorOnBRemovesAReplyFromAAndAAppliesAndLogsTheRemoval() throws Exception {
        String kate = token("kate");
        String liam = token("liam");
        String maths = gql(
                        b,
                        kate,
                        "mutation { createCommunity(input: {name: \"maths\", title: \"Maths teachers\"}) "
                                + "{ community { id } } }",
                        Map.of())
                .get("createCommunity")
                .get("community")
                .get("id")
                .asText();
        String onA = join(a, liam, handle("maths", b));
        await("liam's join accepted", () -> membership(a, liam, onA), m -> "JOINED".equals(m.asText()));
        String threadOnB = gql(
                        b,
                        kate,
                        "mutation($c: ID!) { createThread(input: {communityId: $c, title: \"Limits\", content: \"What is a limit?\"})"
                                + " { thread { id } } }",
                        Map.of("c", maths))
                .get("createThread")
                .get("thread")
                .get("id")
                .asText();
        String feed = "{ homeFeed(first: 10) { edges { node { object { id ... on Thread { title } } } } } }";
        String threadOnA = await("the thread on A", () -> gql(a, liam, feed, Map.of()), d -> d.toString()
                        .contains("Limits"))
                .get("homeFeed")
                .get("edges")
                .get(0)
                .get("node")
                .get("object")
                .get("id")
                .asText();
        String reply = gql(
                        a,
                        liam,
                        "mutation($t: ID!) { createReply(input: {inReplyTo: $t, content: \"Cheap calculators here\"}) "
                                + "{ comment { id } } }",
                        Map.of("t", threadOnA))
                .get("createReply")
                .get("comment")
                .get("id")
                .asText();
        JsonNode onB = await("liam's reply on B", () -> gql(b, kate, THREAD, Map.of("id", threadOnB)), d -> d.toString()
                .contains("Cheap calculators here"));
        String replyOnB = null;
        for (JsonNode edge : onB.get("thread").get("comments").get("edges")) {
            if ("Cheap calculators here".equals(edge.get("node").get("content").asText())) {
                replyOnB = edge.get("node").get("id").asText();
            }
        }
        assertNotNull(replyOnB, onB.toString());

        // B's moderator removes it: the moderator's Delete with the reason, announced by B's group.
        gql(
                b,
                kate,
                "mutation($id: ID!) { removeObject(input: {id: $id, reason: \"advertising\"}) }",
                Map.of("id", replyOnB));
        String node = "query($id: ID!) { node(id: $id) { ... on Comment { content deleted } } }";
        await("the removal on A", () -> gql(a, liam, node, Map.of("id", reply)), d -> d.get("node")
                .get("deleted")
                .asBoolean());
        assertTrue(gql(a, liam, node, Map.of("id", reply))
                .get("node")
                .get("content")
                .isNull());
        try (var connection = instances.get(0).db().connect();
                var query = connection.prepareStatement(
                        "select count(*) from modlog l join person p on p.id = l.moderator_id where l.action = 'REMOVE'"
                                + " and l.target_id = ?::uuid and l.reason = 'advertising' and l.ap_id is not null"
                                + " and p.username = 'kate' and p.host is not null")) {
            query.setString(1, uuidOf(reply));
            try (var rows = query.executeQuery()) {
                rows.next();
                assertEquals(1, rows.getLong(1), "A's moderation log has B's moderator's removal");
            }
        }
    }

    @Test
    void aPersonOfBSuspendedOnAIsRefusedThereAndHiddenUntilLifted() throws Exception {
        String olga = token("olga");
        String sam = token("sam");
        String ada = Tokens.user("ada")
                .email("ada@school.example")
                .roles("user", "admin")
                .sign();
        String agora = gql(
                        a,
                        olga,
                        "mutation { createCommunity(input: {name: \"agora\", title: \"Agora\"}) { community { id } } }",
                        Map.of())
                .at("/createCommunity/community/id")
                .asText();
        String onB = join(b, sam, handle("agora", a));
        await("sam's join accepted", () -> membership(b, sam, onB), m -> "JOINED".equals(m.asText()));
        String post = "mutation($c: ID!, $t: String!) { createThread(input: {communityId: $c, title: $t,"
                + " content: \"Hello\"}) { thread { id } } }";
        gql(b, sam, post, Map.of("c", onB, "t", "Before"));
        String titles = "query($id: ID!) { node(id: $id) { ... on Community { threads(first: 20) { edges { node"
                + " { title } } } } } }";
        await("sam's first thread on A", () -> gql(a, olga, titles, Map.of("id", agora)), d -> d.toString()
                .contains("Before"));

        String samOnA = gql(a, ada, "query($q: String!) { resolve(query: $q) { id } }", Map.of("q", handle("sam", b)))
                .at("/resolve/id")
                .asText();
        gql(
                a,
                ada,
                "mutation($p: ID!) { suspendPerson(input: {personId: $p, reason: \"spam\"}) { id } }",
                Map.of("p", samOnA));
        assertFalse(
                gql(a, olga, titles, Map.of("id", agora)).toString().contains("Before"),
                "a suspended person's content is hidden on A");

        String bea = Tokens.user("bea").roles("user", "admin").sign();
        String hostA = "127.0.0.1:" + a.port;
        int failedBefore = failedDeliveries(b, bea, hostA);
        gql(b, sam, post, Map.of("c", onB, "t", "After"));
        await(
                "B's delivery of the Create refused by A (a final failure)",
                () -> gql(b, bea, "{ federationStatus { host failed } }", Map.of()),
                d -> failedCount(d, hostA) > failedBefore);

        gql(
                a,
                ada,
                "mutation($p: ID!) { unsuspendPerson(input: {personId: $p, reason: \"appeal\"}) { id } }",
                Map.of("p", samOnA));
        String after = gql(a, olga, titles, Map.of("id", agora)).toString();
        assertTrue(after.contains("Before"), "lifting the suspension shows their content again: " + after);
        assertFalse(after.contains("After"), "what A refused while they were suspended was never stored: " + after);
        JsonNode log = gql(a, olga, "{ modlog(first: 5) { edges { node { action } } } }", Map.of());
        assertTrue(log.toString().contains("SUSPEND") && log.toString().contains("UNSUSPEND"), log.toString());
    }

    private static int failedDeliveries(AppProcess app, String admin, String host) throws Exception {
        return failedCount(gql(app, admin, "{ federationStatus { host failed } }", Map.of()), host);
    }

    private static int failedCount(JsonNode status, String host) {
        for (JsonNode h : status.get("federationStatus")) {
            if (host.equals(h.get("host").asText())) {
                return h.get("failed").asInt();
            }
        }
        return 0;
    }
}
