package org.lyceum.graphql;

import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.lyceum.support.Api;
import org.lyceum.support.Api.User;
import org.lyceum.support.GraphQL;
import org.lyceum.support.StatementCounter;

/**
 * Nested connections load for all their parents at once: statements are counted at the wire
 * (the app's pool goes through {@link StatementCounter}), and every batched page is compared with
 * the same page read on its own, so a batch that mixed up parents or arguments fails.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatchingTest {

    private static final int THREADS = 20;
    private static final int REPLIES = 11;
    private static final String PAGE = "{ totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }"
            + " edges { cursor node { id content author { username } inReplyTo { id } thread { id } } } }";

    private @Nullable User reader;
    private @Nullable String communityName;
    private final List<String> threads = new ArrayList<>();

    /** Seeded by the first test: RestAssured knows the app's port only once a test runs. */
    private void seed() {
        if (reader != null) {
            return;
        }
        User author = Api.user("author");
        reader = Api.user("reader");
        String community = Api.community(author, "PUBLIC");
        Api.join(reader, community);
        communityName = Api.communityName(reader, community);
        for (int t = 0; t < THREADS; t++) {
            String thread = Api.thread(author, community, "Thread " + t);
            threads.add(thread);
            String parent = thread;
            // Thread t gets t % REPLIES + 1 replies, so pages end in different places; some reply to replies.
            for (int r = 0; r <= t % REPLIES; r++) {
                String reply = Api.reply(r % 2 == 0 ? reader : author, parent, "Reply " + r + " in " + t);
                parent = r % 3 == 0 ? reply : thread;
            }
        }
    }

    @Test
    void twentyThreadsWithTenCommentsEachInTwoAliasesAreFourStatements() {
        seed();
        String query = "query($name: String!) { community(name: $name) { threads(first: 20) { edges { node { id"
                + " ten: comments(first: 10) { edges { node { id content author { username } } } }"
                + " three: comments(first: 3) { edges { node { id content author { username } } } } } } } } }";
        String token = reader.token();
        GraphQL.as(token, query, Map.of("name", communityName)).body("errors", nullValue());
        long before = StatementCounter.quiet();
        JsonPath answer = GraphQL.as(token, query, Map.of("name", communityName))
                .body("errors", nullValue())
                .extract()
                .jsonPath();
        long statements = StatementCounter.count() - before;
        assertTrue(statements <= 4, "20 threads x (10 + 3) comments sent " + statements + " statements");

        List<Map<String, Object>> edges = answer.getList("data.community.threads.edges");
        assertEquals(THREADS, edges.size());
        for (int i = 0; i < edges.size(); i++) {
            String thread = answer.getString("data.community.threads.edges[" + i + "].node.id");
            for (String alias : List.of("ten", "three")) {
                int first = alias.equals("ten") ? 10 : 3;
                List<String> batched = answer.getList(
                        "data.community.threads.edges[" + i + "].node." + alias + ".edges.node.id", String.class);
                @SuppressWarnings("unchecked")
                List<String> alone = ((List<Map<String, Object>>)
                                alone(thread, "first: " + first).get("edges"))
                        .stream()
                                .map(e -> (String) ((Map<?, ?>) e.get("node")).get("id"))
                                .toList();
                assertEquals(alone, batched, alias + " of " + thread);
                assertTrue(batched.size() <= first && !batched.isEmpty(), alias + " of " + thread);
            }
        }
    }

    @Test
    void statementsDoNotGrowWithThePageAndEveryFieldMatchesItsOwnRead() {
        seed();
        String query = "query($name: String!, $n: Int) { community(name: $name) { threads(first: $n) {"
                + " totalCount edges { node { id a: comments(first: 4) " + PAGE + " b: comments(last: 2) " + PAGE
                + " } } } } }";
        String token = reader.token();
        long[] counts = new long[2];
        int[] sizes = {3, THREADS};
        for (int s = 0; s < sizes.length; s++) {
            Map<String, Object> vars = Map.of("name", communityName, "n", sizes[s]);
            JsonPath answer = GraphQL.as(token, query, vars)
                    .body("errors", nullValue())
                    .extract()
                    .jsonPath();
            // The fewest of three tries: a scheduled job (delivery, jobs) may send a statement while
            // a request is counted, and can only add to the count, never take from it.
            counts[s] = Long.MAX_VALUE;
            for (int attempt = 0; attempt < 3; attempt++) {
                long before = StatementCounter.quiet();
                GraphQL.as(token, query, vars).body("errors", nullValue());
                counts[s] = Math.min(counts[s], StatementCounter.count() - before);
            }
            for (int i = 0; i < sizes[s]; i++) {
                String node = "data.community.threads.edges[" + i + "].node";
                String thread = answer.getString(node + ".id");
                assertEquals(alone(thread, "first: 4"), answer.getMap(node + ".a"), "a of " + thread);
                assertEquals(alone(thread, "last: 2"), answer.getMap(node + ".b"), "b of " + thread);
            }
        }
        // The caller, the community, the threads and their count; then a and b (one direction each), and
        // for each of them, once its page is there, the comments' counts and inReplyTo with thread: 8
        // usually; one CI run counted 10 for 3 threads and 8 for 20 (likely a's and b's pages coming
        // back in different event-loop turns, so their follow-up loads went as two batches). The
        // bound is the same for 3 threads and for 20: nothing is read per thread.
        assertTrue(
                counts[0] <= 10 && counts[1] <= 10,
                counts[0] + " statements for 3 threads, " + counts[1] + " for " + THREADS);
    }

    @Test
    void eachParentKeepsItsOwnCursorInOneBatch() {
        seed();
        String token = reader.token();
        StringBuilder query = new StringBuilder("{");
        List<Map<String, Object>> expected = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String thread = threads.get(THREADS - 1 - i);
            String cursor =
                    (String) ((Map<?, ?>) alone(thread, "first: " + (i % 3 + 1)).get("pageInfo")).get("endCursor");
            String args = "first: " + (i + 1) + ", after: \"" + cursor + "\"";
            query.append(" t")
                    .append(i)
                    .append(": thread(id: \"")
                    .append(thread)
                    .append("\") { comments(")
                    .append(args)
                    .append(") ")
                    .append(PAGE)
                    .append(" }");
            expected.add(alone(thread, args));
        }
        JsonPath answer = GraphQL.as(token, query.append(" }").toString())
                .body("errors", nullValue())
                .extract()
                .jsonPath();
        for (int i = 0; i < 6; i++) {
            assertEquals(expected.get(i), answer.getMap("data.t" + i + ".comments"), "t" + i);
        }
    }

    @Test
    void aCursorPostgresWouldRefuseFailsItsOwnFieldAndNotItsBatch() {
        seed();
        String thread = threads.get(THREADS - 1);
        // Shaped like a real cursor (timestamp, newline, uuid), but February 30: it must be refused
        // before it reaches the statement the sibling alias shares.
        String bad = java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("2024-02-30 00:00:00+00\n00000000-0000-0000-0000-000000000001"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String other = threads.get(THREADS - 2);
        // Two threads, so that the refused field's null (comments is non-null) ends at its own thread.
        JsonPath answer = GraphQL.as(
                        reader.token(),
                        "query($id: ID!, $other: ID!, $bad: String) { good: thread(id: $id) { comments(first: 2) "
                                + PAGE + " } bad: thread(id: $other) { comments(first: 2, after: $bad) " + PAGE
                                + " } }",
                        Map.of("id", thread, "other", other, "bad", bad))
                .extract()
                .jsonPath();
        assertEquals(List.of("INVALID_INPUT"), answer.getList("errors.extensions.code"));
        assertEquals(List.of("bad", "comments"), answer.getList("errors[0].path"));
        assertEquals(alone(thread, "first: 2"), answer.getMap("data.good.comments"));
    }

    /** The thread's comments page read on its own: one thread, one connection. */
    private Map<String, Object> alone(String thread, String args) {
        return GraphQL.as(
                        reader.token(),
                        "query($id: ID!) { thread(id: $id) { comments(" + args + ") " + PAGE + " } }",
                        Map.of("id", thread))
                .body("errors", nullValue())
                .extract()
                .jsonPath()
                .getMap("data.thread.comments");
    }
}
