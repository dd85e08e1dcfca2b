package org.lyceum.federation.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reading ActivityPub JSON as peers write it: a property may hold a string, an object with an
 * id, or an array of either. Wire format only, no I/O.
 */
public final class Json {

    public static final String PUBLIC = "https://www.w3.org/ns/activitystreams#Public";

    private Json() {}

    /** The id a property names: the string itself, or the {@code id} of an embedded object. */
    public static @Nullable String id(@Nullable JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isObject()) {
            return text(node, "id");
        }
        if (node.isArray() && !node.isEmpty()) {
            return id(node.get(0));
        }
        return null;
    }

    /** Every id a property names, in order. */
    public static List<String> ids(@Nullable JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull() || node.isMissingNode()) {
            return out;
        }
        if (node.isArray()) {
            node.forEach(n -> {
                String id = id(n);
                if (id != null) {
                    out.add(id);
                }
            });
        } else {
            String id = id(node);
            if (id != null) {
                out.add(id);
            }
        }
        return out;
    }

    /** A string property, or null when absent or not a string. */
    public static @Nullable String text(@Nullable JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    /** The type, or the first of several types. */
    public static @Nullable String type(@Nullable JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode t = node.get("type");
        if (t != null && t.isArray() && !t.isEmpty()) {
            return t.get(0).asText();
        }
        return t != null && t.isTextual() ? t.asText() : null;
    }

    /** The embedded object of a property, or null when it is only a reference. */
    public static @Nullable JsonNode embedded(@Nullable JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v != null && v.isArray() && !v.isEmpty()) {
            v = v.get(0);
        }
        return v != null && v.isObject() ? v : null;
    }
}
