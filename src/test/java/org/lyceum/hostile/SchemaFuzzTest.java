package org.lyceum.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.lyceum.support.Api;

/**
 * Every query and mutation the schema has, found by introspection of the running app, called
 * with edge values in each argument and input field in turn (the others held at plausible
 * values), anonymously and signed in. No answer may be a 5xx, an INTERNAL or code-less error or
 * a stack trace, and nothing may be logged at ERROR.
 */
@QuarkusTest
class SchemaFuzzTest {

    private static final Logger LOG = Logger.getLogger(SchemaFuzzTest.class);
    /** Mutations that take the fixture away from the ones after them run last. */
    private static final List<String> DESTRUCTIVE = List.of("delete", "leave", "transfer", "ban");
    /** Out of range for Int and Long, written into the document rather than into variables. */
    private static final List<String> NUMBER_LITERALS =
            List.of("2147483648", "-2147483649", "9223372036854775808", "1e400", "-0", "0x10");

    @TestHTTPResource("/")
    URI base;

    @Test
    void noOperationAnswersAnEdgeValueWithAServerError() {
        Probe probe = new Probe(base);
        try (ErrorLog log = ErrorLog.watch()) {
            long started = System.nanoTime();
            Api.User admin = Api.user("fuzz", "user", "admin");
            Map<String, String> real = fixture(admin);
            JsonNode introspection =
                    Probe.tree(probe.graphql("introspection", Probe.json(Map.of("query", Schema.INTROSPECTION)), null)
                            .body());
            Schema schema = Schema.of(introspection);
            assertTrue(schema.fields(schema.query()).size() > 10, "the schema was introspected: " + introspection);
            EdgeValues values = new EdgeValues(schema, real);

            for (JsonNode field : schema.fields(schema.query())) {
                fuzz(probe, schema, values, "query", field, admin.token());
                fuzz(probe, schema, values, "query", field, null);
                literals(probe, schema, field);
            }
            List<JsonNode> mutations = new ArrayList<>(schema.fields(schema.mutation()));
            mutations.sort(Comparator.comparing(f ->
                    DESTRUCTIVE.stream().anyMatch(d -> f.path("name").asText().startsWith(d))));
            for (JsonNode field : mutations) {
                fuzz(probe, schema, values, "mutation", field, admin.token());
                // Anonymous callers are refused before their input matters: the plausible input is enough.
                send(probe, schema, "mutation", field, plausible(values, field), "anonymous, plausible input", null);
            }
            LOG.infof("Schema fuzzing: %d requests in %d ms", probe.sent(), (System.nanoTime() - started) / 1_000_000);
            assertEquals("", probe.report("schema fuzzing"));
            assertEquals(List.of(), log.errors(), "logged at ERROR while fuzzing the schema");
        }
    }

    /** One request per edge value of each argument, the others plausible. */
    private void fuzz(Probe probe, Schema schema, EdgeValues values, String kind, JsonNode field, String token) {
        String who = token == null ? "anonymous" : "signed in";
        send(probe, schema, kind, field, plausible(values, field), who + ", plausible arguments", token);
        for (JsonNode arg : field.path("args")) {
            String name = arg.path("name").asText();
            for (EdgeValues.Edge edge : values.edges(name, arg.path("type"), 1)) {
                Map<String, Object> variables = plausible(values, field);
                variables.put(name, edge.value());
                send(probe, schema, kind, field, variables, who + ", " + name + " = " + edge.label(), token);
            }
        }
    }

    private static Map<String, Object> plausible(EdgeValues values, JsonNode field) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (JsonNode arg : field.path("args")) {
            String name = arg.path("name").asText();
            out.put(name, values.plausible(name, arg.path("type")));
        }
        return out;
    }

    private static void send(
            Probe probe,
            Schema schema,
            String kind,
            JsonNode field,
            Map<String, Object> variables,
            String label,
            String token) {
        StringBuilder declared = new StringBuilder();
        StringBuilder passed = new StringBuilder();
        for (JsonNode arg : field.path("args")) {
            String name = arg.path("name").asText();
            declared.append(declared.length() == 0 ? "(" : ", ")
                    .append('$')
                    .append(name)
                    .append(": ")
                    .append(Schema.write(arg.path("type")));
            passed.append(passed.length() == 0 ? "(" : ", ")
                    .append(name)
                    .append(": $")
                    .append(name);
        }
        String name = field.path("name").asText();
        String document = kind + " Fuzz" + (declared.length() == 0 ? "" : declared + ")") + " { " + name
                + (passed.length() == 0 ? "" : passed + ")") + schema.selection(field.path("type"), 1) + " }";
        probe.graphql(kind + " " + name + " (" + label + ")", Probe.json(Probe.envelope(document, variables)), token);
    }

    /** Numbers no Int or Long holds, as literals in the document: the parser and the coercion see them. */
    private static void literals(Probe probe, Schema schema, JsonNode field) {
        for (JsonNode arg : field.path("args")) {
            String type = Schema.named(arg.path("type")).path("name").asText();
            if (!type.equals("Int") || arg.path("type").path("kind").asText().equals("NON_NULL")) {
                continue;
            }
            for (String literal : NUMBER_LITERALS) {
                String name = field.path("name").asText();
                String document = "{ " + name + "(" + arg.path("name").asText() + ": " + literal + ")"
                        + schema.selection(field.path("type"), 1) + " }";
                probe.graphql(
                        "query " + name + " (literal " + arg.path("name").asText() + ": " + literal + ")",
                        Probe.json(Map.of("query", document)),
                        null);
            }
        }
    }

    /** One of each kind of thing that exists, by node type, made through the API. */
    private static Map<String, String> fixture(Api.User admin) {
        Map<String, String> real = new LinkedHashMap<>();
        String community = Api.community(admin, "PUBLIC");
        String collection = Api.collection(admin, community);
        String thread = Api.thread(admin, community, "A thread to fuzz");
        real.put("Community", community);
        real.put("Collection", collection);
        real.put("Resource", Api.resource(admin, collection, "A resource to fuzz"));
        real.put("Thread", thread);
        real.put("Comment", Api.reply(admin, thread, "A reply to fuzz"));
        real.put("Person", admin.personId());
        return real;
    }
}
