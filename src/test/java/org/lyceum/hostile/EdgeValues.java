package org.lyceum.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.lyceum.common.GlobalId;

/**
 * Edge values for each kind of GraphQL input, and a plausible value to hold the other inputs at
 * while one of them is varied. Values are what a JSON variables object can carry, so a value of
 * the wrong JSON type is an edge value too.
 */
final class EdgeValues {

    /** Just under the 1 MB body limit with the envelope around it; a full megabyte is refused with 413. */
    static final String NEAR_LIMIT = "a".repeat(1_040_000);

    static final String MEGABYTE = "a".repeat(1_048_576);

    record Edge(String label, Object value) {}

    private final Schema schema;
    /** Ids that exist, by node type: the fixture's community, thread, person, ... */
    private final Map<String, String> real;

    EdgeValues(Schema schema, Map<String, String> real) {
        this.schema = schema;
        this.real = real;
    }

    /** The edge values of a type, the input field or argument named {@code name} of it. */
    List<Edge> edges(String name, JsonNode type, int depth) {
        List<Edge> out = new ArrayList<>();
        out.add(new Edge("null", null));
        if (type.path("kind").asText().equals("NON_NULL")) {
            type = type.path("ofType");
        }
        if (type.path("kind").asText().equals("LIST")) {
            Object one = plausible(name, type.path("ofType"));
            out.add(new Edge("[]", List.of()));
            out.add(new Edge("[null]", Collections.singletonList(null)));
            out.add(new Edge("1000 items", Collections.nCopies(1000, one)));
            out.add(new Edge("a bare item", one));
            return out;
        }
        JsonNode named = schema.type(type.path("name").asText());
        switch (named.path("kind").asText()) {
            case "ENUM" -> {
                out.add(new Edge("unknown enum value", "NOT_A_VALUE"));
                out.add(new Edge(
                        "lower-case enum value",
                        named.path("enumValues").path(0).path("name").asText().toLowerCase(java.util.Locale.ROOT)));
                out.add(new Edge("empty enum value", ""));
                out.add(new Edge("number for an enum", 1));
            }
            case "INPUT_OBJECT" -> {
                out.add(new Edge("{}", Map.of()));
                out.add(new Edge("a string for an object", "x"));
                out.add(new Edge("a list for an object", List.of(Map.of())));
                Map<String, Object> unknown = new LinkedHashMap<>(plausibleObject(named));
                unknown.put("notAField", 1);
                out.add(new Edge("an unknown field", unknown));
                if (depth > 0) {
                    for (JsonNode field : named.path("inputFields")) {
                        String fieldName = field.path("name").asText();
                        for (Edge edge : edges(fieldName, field.path("type"), depth - 1)) {
                            Map<String, Object> varied = new LinkedHashMap<>(plausibleObject(named));
                            varied.put(fieldName, edge.value());
                            out.add(new Edge(fieldName + ": " + edge.label(), varied));
                        }
                    }
                }
            }
            default -> out.addAll(scalar(name, named.path("name").asText()));
        }
        return out;
    }

    private List<Edge> scalar(String name, String scalar) {
        List<Edge> out = new ArrayList<>();
        switch (scalar) {
            case "Int", "Long", "BigInteger", "Float" -> {
                out.add(new Edge("0", 0));
                out.add(new Edge("-1", -1));
                out.add(new Edge("Int min", Integer.MIN_VALUE));
                out.add(new Edge("Int max", Integer.MAX_VALUE));
                out.add(new Edge("Int max + 1", 2_147_483_648L));
                out.add(new Edge("2^63", BigInteger.TWO.pow(63)));
                out.add(new Edge("-2^63 - 1", BigInteger.TWO.pow(63).negate().subtract(BigInteger.ONE)));
                out.add(new Edge("10^400", BigInteger.TEN.pow(400)));
                out.add(new Edge("1e308", 1e308));
                out.add(new Edge("1.5", 1.5));
                out.add(new Edge("a string for a number", "many"));
                out.add(new Edge("a boolean for a number", true));
            }
            case "Boolean" -> {
                out.add(new Edge("a string for a boolean", "true"));
                out.add(new Edge("a number for a boolean", 1));
            }
            case "ID" -> ids(out);
            case "DateTime", "Date", "Instant" -> {
                out.add(new Edge("not a date", "yesterday"));
                out.add(new Edge("year 9999", "9999-12-31T23:59:59Z"));
                out.add(new Edge("year 0", "0000-01-01T00:00:00Z"));
                out.add(new Edge("month 13", "2020-13-45T99:99:99Z"));
                out.add(new Edge("a number for a date", Long.MAX_VALUE));
            }
            default -> strings(out);
        }
        if (name.equals("after") || name.equals("before")) {
            out.add(new Edge("a cursor that is not base64", "!!!"));
            out.add(new Edge("a cursor of garbage", b64("garbage")));
            out.add(new Edge("a cursor of a huge number", b64("99999999999999999999999999")));
            out.add(new Edge("a cursor of a negative number", b64("-1")));
            out.add(new Edge("a cursor of JSON", b64("{\"t\":\"x\",\"id\":[1]}")));
            out.add(new Edge("a cursor of a timestamp and no id", b64("2020-01-01T00:00:00Z|")));
            out.add(new Edge("a cursor with a control character", b64("\u0000|\u0000")));
            // Shaped like the real ones (timestamp, newline, uuid), but not a date PostgreSQL accepts.
            String uuid = "00000000-0000-0000-0000-000000000001";
            out.add(new Edge("a cursor of February 30", b64("2024-02-30 00:00:00+00\n" + uuid)));
            out.add(new Edge("a cursor of year 0", b64("0000-01-01 00:00:00+00\n" + uuid)));
            out.add(new Edge("a cursor with offset +17", b64("2024-01-01 00:00:00+17\n" + uuid)));
        }
        return out;
    }

    private static void strings(List<Edge> out) {
        out.add(new Edge("empty string", ""));
        out.add(new Edge("blank string", " \t\n "));
        out.add(new Edge("1 MB string", MEGABYTE));
        out.add(new Edge("string just under the body limit", NEAR_LIMIT));
        out.add(new Edge("control characters", "a\u0000b\u0001c\u001fd\u007fe"));
        out.add(new Edge("bidi overrides", "\u202eevil\u202c \u2066x\u2069 \u200f"));
        out.add(new Edge("a lone high surrogate", "x" + Probe.LONE_HIGH + "y"));
        out.add(new Edge("a lone low surrogate", Probe.LONE_LOW));
        out.add(new Edge("emoji and combining marks", "\uD83D\uDE00 e\u0301\u0301\u0301 \uFEFF"));
        out.add(new Edge("SQL and HTML", "'; drop table person; -- <script>alert(1)</script> %_\\"));
        out.add(new Edge("a number for a string", 42));
        out.add(new Edge("an object for a string", Map.of("a", 1)));
    }

    private void ids(List<Edge> out) {
        out.add(new Edge("empty id", ""));
        out.add(new Edge("an id that is not base64", "not an id!"));
        out.add(new Edge("an id of no known type", GlobalId.of("Nope", UUID.randomUUID())));
        out.add(new Edge("an id without a UUID", b64("Community:not-a-uuid")));
        out.add(new Edge("an id without a type", b64(":" + UUID.randomUUID())));
        out.add(new Edge("an id of 1 MB", MEGABYTE));
        out.add(new Edge("an id with control characters", b64("Thread\u0000:" + UUID.randomUUID())));
        out.add(new Edge("a number for an id", 12));
        for (String type : schema.nodeTypes()) {
            out.add(new Edge("a " + type + " id that does not exist", GlobalId.of(type, UUID.randomUUID())));
        }
        real.forEach((type, id) -> out.add(new Edge("the id of an existing " + type, id)));
    }

    /** A value of the type that should pass validation, so one varied input is the only edge. */
    Object plausible(String name, JsonNode type) {
        if (type.path("kind").asText().equals("NON_NULL")) {
            type = type.path("ofType");
        }
        if (type.path("kind").asText().equals("LIST")) {
            return List.of(plausible(name, type.path("ofType")));
        }
        JsonNode named = schema.type(type.path("name").asText());
        return switch (named.path("kind").asText()) {
            case "ENUM" -> named.path("enumValues").path(0).path("name").asText();
            case "INPUT_OBJECT" -> plausibleObject(named);
            default ->
                switch (named.path("name").asText()) {
                    case "Int", "Long", "BigInteger", "Float" -> 1;
                    case "Boolean" -> true;
                    case "ID" -> plausibleId(name);
                    case "DateTime" -> "2024-01-01T00:00:00Z";
                    default ->
                        name.toLowerCase(java.util.Locale.ROOT).contains("url") ? "https://example.org/x" : "hostile";
                };
        };
    }

    private Map<String, Object> plausibleObject(JsonNode inputType) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (JsonNode field : inputType.path("inputFields")) {
            String name = field.path("name").asText();
            out.put(name, plausible(inputType.path("name").asText() + "." + name, field.path("type")));
        }
        return out;
    }

    /** An existing id whose type the argument's name suggests (CreateThreadInput.communityId: a Community). */
    private String plausibleId(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        String field = lower.substring(lower.lastIndexOf('.') + 1);
        for (String type : real.keySet()) {
            if (field.contains(type.toLowerCase(java.util.Locale.ROOT))) {
                return real.get(type);
            }
        }
        if (field.equals("inreplyto")) {
            return real.getOrDefault("Thread", "");
        }
        for (String type : real.keySet()) {
            if (lower.contains(type.toLowerCase(java.util.Locale.ROOT))) {
                return real.get(type);
            }
        }
        return real.getOrDefault("Thread", "");
    }

    private static String b64(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }
}
