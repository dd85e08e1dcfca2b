package org.lyceum.federation.remote;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;
import org.lyceum.federation.Authority;
import org.lyceum.federation.protocol.Json;

/** Which keys of an actor document count as the actor's: read from the document alone, no I/O. */
final class DocumentKeys {

    private DocumentKeys() {}

    /** The actor's Ed25519 Multikeys (assertionMethod), each with an id on the actor's host and the actor as controller. */
    static java.util.Map<String, String> ed25519Keys(@Nullable JsonNode methods, String actorId) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        if (methods == null) {
            return out;
        }
        for (JsonNode m : methods.isArray() ? methods : java.util.List.of(methods)) {
            String keyId = Json.text(m, "id");
            String controller = Json.text(m, "controller");
            String pem = org.lyceum.federation.protocol.Multikey.ed25519Pem(Json.text(m, "publicKeyMultibase"));
            // Only keys under the actor's own id (id#fragment): another actor of the host cannot claim them.
            if (keyId != null
                    && pem != null
                    && out.size() < 4
                    && "Multikey".equals(Json.type(m))
                    && (controller == null || controller.equals(actorId))
                    && keyId.startsWith(actorId + "#")) {
                out.put(keyId, pem);
            }
        }
        return out;
    }

    /** The actor's key: its id on the actor's host, owned by the actor. */
    static @Nullable JsonNode ownKey(@Nullable JsonNode keys, String actorId) {
        if (keys == null) {
            return null;
        }
        for (JsonNode k : keys.isArray() ? keys : java.util.List.of(keys)) {
            String keyId = Json.text(k, "id");
            String owner = Json.text(k, "owner");
            if (keyId != null
                    && Json.text(k, "publicKeyPem") != null
                    && (owner == null || owner.equals(actorId))
                    && Authority.of(ActorFields.uri(keyId)).equals(Authority.of(ActorFields.uri(actorId)))) {
                return k;
            }
        }
        return null;
    }
}
