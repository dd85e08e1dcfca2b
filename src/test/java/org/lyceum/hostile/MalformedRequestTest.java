package org.lyceum.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Requests no client library would send: broken JSON, batches, documents that are valid text but
 * hostile GraphQL, odd content types and methods. Each must be a client error (or a normal
 * answer), never a 5xx, an INTERNAL or a stack trace, and nothing may be logged at ERROR.
 */
@QuarkusTest
class MalformedRequestTest {

    private static final String OK = "{ instance { name } }";

    @TestHTTPResource("/")
    URI base;

    @Test
    void malformedEnvelopesAreClientErrors() {
        Probe probe = new Probe(base);
        try (ErrorLog log = ErrorLog.watch()) {
            Map<String, String> bodies = new LinkedHashMap<>();
            bodies.put("empty body", "");
            bodies.put("truncated JSON", "{\"query\": \"{ instance ");
            bodies.put("not JSON", "query=" + OK);
            bodies.put("trailing garbage", Probe.json(Map.of("query", OK)) + " }}}");
            bodies.put("a JSON batch", "[" + Probe.json(Map.of("query", OK)) + "]");
            bodies.put("an empty batch", "[]");
            bodies.put(
                    "a batch of 200",
                    "[" + String.join(",", java.util.Collections.nCopies(200, Probe.json(Map.of("query", OK)))) + "]");
            bodies.put("JSON null", "null");
            bodies.put("a JSON string", "\"" + OK + "\"");
            bodies.put("a JSON number", "12");
            bodies.put("null query", "{\"query\": null}");
            bodies.put("a number for the query", "{\"query\": 5}");
            bodies.put("an object for the query", "{\"query\": {\"a\": 1}}");
            bodies.put("a number for operationName", "{\"query\": \"" + OK + "\", \"operationName\": 5}");
            bodies.put("a string for variables", "{\"query\": \"" + OK + "\", \"variables\": \"x\"}");
            bodies.put("a list for variables", "{\"query\": \"" + OK + "\", \"variables\": [1]}");
            bodies.put("a number for extensions", "{\"query\": \"" + OK + "\", \"extensions\": 5}");
            bodies.put(
                    "a persisted query hash and no query",
                    "{\"extensions\": {\"persistedQuery\": {\"version\": 1, \"sha256Hash\": \"abc\"}}}");
            bodies.put("duplicate keys", "{\"query\": 1, \"query\": \"" + OK + "\"}");
            bodies.put("a lone surrogate in the query", "{\"query\": \"{ instance { name } } #\\ud800\"}");
            bodies.put("NUL in the query", "{\"query\": \"{ instance\\u0000 { name } }\"}");
            bodies.put("10 000 nested arrays", "[".repeat(10_000) + "]".repeat(10_000));
            bodies.put(
                    "10 000 nested objects in variables",
                    "{\"query\": \"" + OK + "\", \"variables\": " + "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)
                            + "}");
            bodies.forEach((label, body) -> probe.send(
                    "POST /graphql (" + label + ")",
                    body,
                    probe.post("/graphql", "application/json", body.getBytes(StandardCharsets.UTF_8))));
            probe.send(
                    "POST /graphql (invalid UTF-8)",
                    "bytes ff fe 00",
                    probe.post("/graphql", "application/json", new byte[] {(byte) 0xff, (byte) 0xfe, 0, '{'}));
            assertEquals("", probe.report("malformed envelopes"));
            assertEquals(List.of(), log.errors(), "logged at ERROR");
        }
    }

    @Test
    void hostileDocumentsAreClientErrors() {
        Probe probe = new Probe(base);
        try (ErrorLog log = ErrorLog.watch()) {
            Map<String, Object> cases = new LinkedHashMap<>();
            cases.put("an unknown directive", "{ instance @nope { name } }");
            cases.put("@include without its argument", "{ instance { name @include } }");
            cases.put("@skip with a string", "{ instance { name @skip(if: \"yes\") } }");
            cases.put("a directive where none may be", "query @deprecated { instance { name } }");
            cases.put(
                    "a fragment cycle",
                    "{ ...A } fragment A on Query { instance { name } ...B } fragment B on Query { ...A }");
            cases.put("a fragment that spreads itself", "{ ...A } fragment A on Query { instance { name } ...A }");
            cases.put("an unknown fragment", "{ ...Missing }");
            cases.put("a fragment on a type that does not exist", "{ ...A } fragment A on Nope { x }");
            cases.put("300 nested fields", "{" + " me {".repeat(300) + " id" + " }".repeat(301));
            cases.put(
                    "300 nested inline fragments",
                    "{" + " ... on Query {".repeat(300) + " instance { name }" + " }".repeat(301));
            cases.put("3 000 nested braces", "{".repeat(3_000) + "}".repeat(3_000));
            cases.put(
                    "a list literal 300 deep",
                    "{ node(id: " + "[".repeat(300) + "\"x\"" + "]".repeat(300) + ") { id } }");
            cases.put(
                    "an object literal 300 deep",
                    "{ communities(filter: " + "{query: ".repeat(300) + "\"x\"" + "}".repeat(300)
                            + ") { totalCount } }");
            cases.put("two operations, no operationName", "query A { instance { name } } query B { me { username } }");
            cases.put("a subscription over HTTP", "subscription { instance { name } }");
            cases.put("an undeclared variable", "{ node(id: $id) { id } }");
            cases.put("a variable declared twice", "query($a: ID!, $a: ID!) { node(id: $a) { id } }");
            cases.put("a variable of an input type that does not exist", "query($a: Nope) { instance { name } }");
            cases.put("5 000 fields", "{ instance {" + " name".repeat(5_000) + " } }");
            cases.put("1 000 __typename", "{" + " __typename".repeat(1_000) + " }");
            cases.put("a string of 500 000 characters", "{ person(username: \"" + "a".repeat(500_000) + "\") { id } }");
            cases.put("an unterminated string", "{ person(username: \"abc) { id } }");
            cases.put("a block string never closed", "{ person(username: \"\"\"abc) { id } }");
            cases.forEach((label, document) ->
                    probe.graphql("document (" + label + ")", Probe.json(Map.of("query", document)), null));

            probe.graphql(
                    "document (operationName that does not exist)",
                    Probe.json(Map.of("query", "query A { instance { name } }", "operationName", "B")),
                    null);
            Map<String, Object> huge = new LinkedHashMap<>();
            for (int i = 0; i < 40_000; i++) {
                huge.put("v" + i, "value " + i);
            }
            probe.graphql(
                    "document (a variables object of 40 000 unused keys)", Probe.json(Probe.envelope(OK, huge)), null);
            assertEquals("", probe.report("hostile documents"));
            assertEquals(List.of(), log.errors(), "logged at ERROR");
        }
    }

    @Test
    void oddContentTypesAndMethodsAreClientErrors() {
        Probe probe = new Probe(base);
        try (ErrorLog log = ErrorLog.watch()) {
            byte[] body = Probe.json(Map.of("query", OK)).getBytes(StandardCharsets.UTF_8);
            for (String type : List.of(
                    "text/plain",
                    "application/xml",
                    "application/x-www-form-urlencoded",
                    "multipart/form-data; boundary=x",
                    "application/json; charset=utf-16",
                    "application/graphql",
                    "application/graphql-response+json",
                    "*/*")) {
                probe.send(
                        "POST /graphql as " + type,
                        Probe.shorten(new String(body, StandardCharsets.UTF_8)),
                        probe.post("/graphql", type, body));
            }
            probe.send(
                    "POST /graphql with no content type",
                    OK,
                    HttpRequest.newBuilder(base.resolve("/graphql"))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
            for (String method : List.of("PUT", "DELETE", "PATCH", "OPTIONS")) {
                probe.send(
                        method + " /graphql",
                        OK,
                        HttpRequest.newBuilder(base.resolve("/graphql"))
                                .header("Content-Type", "application/json")
                                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)));
            }
            for (String query : List.of(
                    "",
                    "?",
                    "?query=",
                    "?query=" + encode(OK),
                    "?query=" + encode(OK) + "&variables=notjson",
                    "?query=" + encode(OK) + "&variables=" + encode("[1]"),
                    "?query=" + encode("mutation { like(input: {id: \"x\"}) { __typename } }"),
                    "?query=" + encode("{ instance { name }"),
                    "?query=%C0%AF%FF",
                    "?query=" + "a".repeat(8_000),
                    "?query=" + encode(OK) + "&operationName=Nope",
                    "?query=" + encode(OK) + "&extensions=" + encode("{\"persistedQuery\":1}"))) {
                probe.send("GET /graphql" + Probe.shorten(query), query, probe.get("/graphql" + query));
            }
            // The limits are checked on POST: a GET must not be a way around them.
            String costly = "{ communities(first: 100) { edges { node { threads(first: 100) { edges { node {"
                    + " comments(first: 100) { totalCount } } } } } } } }";
            Probe.Answer get = probe.send(
                    "GET /graphql (a query over the node limit)",
                    costly,
                    probe.get("/graphql?query=" + encode(costly)));
            assertTrue(get.status() != 200 || get.body().contains("QUERY_TOO_COMPLEX"), "GET ran it: " + get);
            assertEquals("", probe.report("odd content types and methods"));
            assertEquals(List.of(), log.errors(), "logged at ERROR");
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
