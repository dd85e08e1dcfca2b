package org.lyceum.graphql;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lyceum.support.GraphQL;
import org.lyceum.support.NodeProject;
import org.lyceum.support.Required;

/**
 * What one request may ask for, measured before anything runs: nodes (connections' page sizes
 * multiplied through their parents), depth and aliases; introspection apart, bounded on its own.
 */
@QuarkusTest
class QueryLimitsTest {

    /** communities × threads × comments, 100 each: a million comments at most, from one anonymous request. */
    static final String NESTED = "query($n: Int) { communities(first: $n) { edges { node { threads(first: $n) {"
            + " edges { node { comments(first: $n) { edges { node { id content } } } } } } } } } }";

    @Test
    void nestedPagesAreCostedThroughTheirParentsAndRefusedBeforeAnythingRuns() {
        GraphQL.anonymous(NESTED, Map.of("n", 100))
                .statusCode(200)
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("QUERY_TOO_COMPLEX"))
                .body("errors[0].extensions.cost", equalTo(100 + 100 * 100 + 100 * 100 * 100 + 8))
                .body("errors[0].extensions.limit", equalTo(10_000))
                .body("errors[0].message", containsString("smaller pages"));
        // The same document with pages of 5: 5 + 25 + 125 nodes and 8 other fields.
        GraphQL.anonymous(NESTED, Map.of("n", 5)).statusCode(200).body("errors", nullValue());
    }

    @Test
    void aConnectionWithoutAPageSizeCountsTheDefaultPage() {
        // 26 communities, then 20 threads and 20 comments each by default.
        String unpaged = "{ communities(first: 26) { edges { node { threads { edges { node { comments {"
                + " edges { node { id } } } } } } } } } }";
        GraphQL.anonymous(unpaged)
                .body("errors[0].extensions.code", equalTo("QUERY_TOO_COMPLEX"))
                .body("errors[0].extensions.cost", equalTo(26 + 26 * 20 + 26 * 20 * 20 + 7));
    }

    @Test
    void fragmentsAreCostedWhereTheyAreSpread() {
        String viaFragments = "query { communities(first: 100) { edges { node { ...C } } } }"
                + " fragment C on Community { threads(first: 100) { edges { node { ...T } } } }"
                + " fragment T on Thread { comments(first: 100) { edges { node { id } } } }";
        GraphQL.anonymous(viaFragments)
                .body("errors[0].extensions.code", equalTo("QUERY_TOO_COMPLEX"))
                .body("errors[0].extensions.cost", greaterThan(10_000));
    }

    @Test
    void aQueryDeeperThanTheLimitIsRefused() {
        // thread → comments → edges → node → thread ...: 13 fields deep, one over the limit.
        String deep = "{ thread(id: \"x\") { comments(first: 1) { edges { node { thread { comments(first: 1) {"
                + " edges { node { thread { comments(first: 1) { edges { node { id } } } } } } } } } } } } }";
        GraphQL.anonymous(deep)
                .body("errors[0].extensions.code", equalTo("QUERY_TOO_COMPLEX"))
                .body("errors[0].extensions.depth", equalTo(13))
                .body("errors[0].extensions.maxDepth", equalTo(12));
        String withinLimit = "{ thread(id: \"x\") { comments(first: 1) { edges { node { thread { comments(first: 1) {"
                + " edges { node { thread { comments(first: 1) { edges { id: cursor } } } } } } } } } } } }";
        GraphQL.anonymous(withinLimit).body("errors[0].extensions.code", not(equalTo("QUERY_TOO_COMPLEX")));
    }

    @Test
    void moreAliasesThanTheLimitAreRefused() {
        GraphQL.anonymous(aliases(30)).body("errors", nullValue()).body("data.a29.totalCount", notNullValue());
        GraphQL.anonymous(aliases(31))
                .body("errors[0].extensions.code", equalTo("QUERY_TOO_COMPLEX"))
                .body("errors[0].extensions.aliases", equalTo(31))
                .body("errors[0].extensions.maxAliases", equalTo(30));
    }

    private static String aliases(int n) {
        StringBuilder query = new StringBuilder("{ ");
        for (int i = 0; i < n; i++) {
            query.append('a').append(i).append(": instanceFeed(first: 1) { totalCount } ");
        }
        return query.append('}').toString();
    }

    @Test
    void graphqlJsStandardIntrospectionQueryWorks() throws Exception {
        NodeProject graphqlJs = new NodeProject("graphql-js");
        String missing = graphqlJs.unavailable("graphql");
        Required.dependency(missing == null, () -> "graphql-js introspection not tested: " + missing);
        String introspection = graphqlJs.run("introspection-query.mjs");
        GraphQL.anonymous(introspection)
                .statusCode(200)
                .body("errors", nullValue())
                .body("data.__schema.queryType.name", equalTo("Query"))
                .body("data.__schema.types.find { it.name == 'Community' }.fields.size()", greaterThan(5));
    }

    @Test
    void introspectionIsBoundedOnItsOwn() {
        GraphQL.anonymous("{ a: __schema { queryType { name } } b: __schema { queryType { name } } }")
                .body("errors[0].extensions.code", equalTo("QUERY_TOO_COMPLEX"))
                .body("errors[0].message", containsString("one __schema"));
        StringBuilder deep = new StringBuilder("{ __type(name: \"Community\") { fields { type ");
        for (int i = 0; i < 16; i++) {
            deep.append("{ ofType ");
        }
        deep.append("{ name }").append(" }".repeat(16)).append(" } } }");
        GraphQL.anonymous(deep.toString())
                .body("errors[0].extensions.code", equalTo("QUERY_TOO_COMPLEX"))
                .body("errors[0].message", containsString("introspection nests"));
    }

    @Test
    void badFaithIntrospectionIsABadQueryNotAnInternalError() {
        String repeated = "{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }";
        GraphQL.anonymous(repeated)
                .statusCode(200)
                .body("errors[0].extensions.code", equalTo("BAD_QUERY"))
                .body("errors[0].message", containsString("good faith"));
    }

    @Test
    void aWrongTypedVariableGetsOnlyItsBadQueryError() {
        GraphQL.anonymous("query($f: Int) { instanceFeed(first: $f) { totalCount } }", Map.of("f", "many"))
                .statusCode(200)
                .body("errors.size()", equalTo(1))
                .body("errors[0].extensions.code", equalTo("BAD_QUERY"))
                .body("errors[0].message", containsString("f"));
    }
}
