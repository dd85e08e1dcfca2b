package org.lyceum.federation.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;
import org.lyceum.federation.protocol.Json;

/**
 * A verified activity being processed. {@code via} is the Group that announced it, when it came
 * inside an Announce; the activity is then judged as that group's.
 */
public record Received(String inbox, String id, String actor, String type, JsonNode json, @Nullable String via) {

    public JsonNode object() {
        return json.get("object");
    }

    public @Nullable String objectId() {
        return Json.id(json.get("object"));
    }

    public @Nullable String host() {
        return Origin.hostOf(actor);
    }
}
