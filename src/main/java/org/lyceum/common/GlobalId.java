package org.lyceum.common;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * Relay's opaque global ids: the type name and the row's UUID, base64url-encoded. Clients must
 * not parse them; we decode them to find the table, and refuse ids of the wrong type.
 */
public record GlobalId(String type, UUID uuid) {

    public static String of(String type, UUID uuid) {
        String raw = type + ":" + uuid;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes any global id; INVALID_INPUT naming the field when it is not one of ours. */
    public static GlobalId decode(String field, String id) {
        if (id == null || id.length() > 80) {
            throw DomainException.invalid(field, "not an id");
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(id), StandardCharsets.UTF_8);
            int colon = raw.indexOf(':');
            if (colon < 1) {
                throw DomainException.invalid(field, "not an id");
            }
            return new GlobalId(raw.substring(0, colon), UUID.fromString(raw.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(field, "not an id");
        }
    }

    /** Decodes an id that must name one of the given types. */
    public static GlobalId decode(String field, String id, String... types) {
        GlobalId decoded = decode(field, id);
        for (String type : types) {
            if (type.equals(decoded.type)) {
                return decoded;
            }
        }
        throw DomainException.invalid(field, "expected the id of a " + String.join(" or ", types));
    }

    /** The UUID of an id that must be of this type. */
    public static UUID uuid(String field, String id, String type) {
        return decode(field, id, type).uuid();
    }
}
