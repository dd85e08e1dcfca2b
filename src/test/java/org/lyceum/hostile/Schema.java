package org.lyceum.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The schema as the running app describes it by introspection: what the fuzzer needs to write
 * valid documents (root fields, argument and input field types, enum values, leaf fields).
 */
record Schema(Map<String, JsonNode> types, String query, String mutation) {

    static final String INTROSPECTION =
            """
            query Walk { __schema { queryType { name } mutationType { name }
              types { kind name
                fields { name args { name type { ...T } } type { ...T } }
                inputFields { name type { ...T } }
                enumValues { name }
                possibleTypes { name } } } }
            fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }
            """;

    static Schema of(JsonNode answer) {
        JsonNode schema = answer.path("data").path("__schema");
        Map<String, JsonNode> types = new LinkedHashMap<>();
        schema.path("types").forEach(t -> types.put(t.path("name").asText(), t));
        return new Schema(
                types,
                schema.path("queryType").path("name").asText(),
                schema.path("mutationType").path("name").asText());
    }

    List<JsonNode> fields(String typeName) {
        List<JsonNode> out = new ArrayList<>();
        types.get(typeName).path("fields").forEach(out::add);
        return out;
    }

    /** The named type under NON_NULL and LIST wrappers. */
    static JsonNode named(JsonNode type) {
        JsonNode t = type;
        while (t.path("name").isNull() || t.path("name").isMissingNode()) {
            t = t.path("ofType");
        }
        return t;
    }

    /** The type as a variable declaration writes it: {@code [ID!]!}. */
    static String write(JsonNode type) {
        return switch (type.path("kind").asText()) {
            case "NON_NULL" -> write(type.path("ofType")) + "!";
            case "LIST" -> "[" + write(type.path("ofType")) + "]";
            default -> type.path("name").asText();
        };
    }

    JsonNode type(String name) {
        return types.get(name);
    }

    /** The names of the types that implement Node: every kind of global id there is. */
    List<String> nodeTypes() {
        List<String> out = new ArrayList<>();
        JsonNode node = types.get("Node");
        if (node != null) {
            node.path("possibleTypes").forEach(t -> out.add(t.path("name").asText()));
        }
        return out;
    }

    /**
     * A selection of the type's leaves: {@code __typename} and every scalar or enum field that
     * needs no argument, one level of objects deep, so documents stay valid and cheap.
     */
    String selection(JsonNode type, int depth) {
        JsonNode named = type(named(type).path("name").asText());
        String kind = named.path("kind").asText();
        if (kind.equals("SCALAR") || kind.equals("ENUM")) {
            return "";
        }
        StringBuilder out = new StringBuilder(" { __typename");
        for (JsonNode field : named.path("fields")) {
            if (requiresArguments(field) || field.path("name").asText().startsWith("__")) {
                continue;
            }
            JsonNode fieldType = type(named(field.path("type")).path("name").asText());
            String fieldKind = fieldType.path("kind").asText();
            if (fieldKind.equals("SCALAR") || fieldKind.equals("ENUM")) {
                out.append(' ').append(field.path("name").asText());
            } else if (depth > 0 && fieldKind.equals("OBJECT")) {
                out.append(' ').append(field.path("name").asText()).append(selection(field.path("type"), depth - 1));
            }
        }
        return out.append(" }").toString();
    }

    private static boolean requiresArguments(JsonNode field) {
        for (JsonNode arg : field.path("args")) {
            if (arg.path("type").path("kind").asText().equals("NON_NULL")) {
                return true;
            }
        }
        return false;
    }
}
