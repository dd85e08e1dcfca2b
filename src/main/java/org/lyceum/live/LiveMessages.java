package org.lyceum.live;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;
import org.lyceum.common.ErrorCode;

/**
 * The graphql-transport-ws messages {@link LiveConnection} writes itself, rather than SmallRye:
 * {@code error} messages with {@code extensions.code}, and how it reads the ones it looks into.
 */
final class LiveMessages {

    private static final Logger LOG = Logger.getLogger(LiveMessages.class);

    private LiveMessages() {}

    /** A first result with errors and no data: the subscription did not start. */
    static boolean failed(@Nullable JsonObject payload) {
        if (payload == null || payload.getJsonArray("errors") == null) {
            return false;
        }
        JsonObject data = payload.getJsonObject("data");
        return data == null || data.stream().allMatch(e -> e.getValue() == null);
    }

    static String error(String operation, ErrorCode code, String message) {
        return error(operation, code, message, 0);
    }

    /** An {@code error} message; a refusal by a rate limit says in {@code extensions.retryAfter} when to retry. */
    static String error(String operation, ErrorCode code, String message, long retryAfter) {
        JsonObject extensions = new JsonObject().put("code", code.name());
        if (retryAfter > 0) {
            extensions.put("retryAfter", retryAfter);
        }
        JsonArray errors =
                new JsonArray().add(new JsonObject().put("message", message).put("extensions", extensions));
        return new JsonObject()
                .put("id", operation)
                .put("type", "error")
                .put("payload", errors)
                .encode();
    }

    /** The errors SmallRye made, each with its {@code extensions.code}; nothing unexpected reaches the client. */
    static String error(String operation, JsonArray errors) {
        JsonArray mapped = new JsonArray();
        for (Object each : errors) {
            JsonObject error = each instanceof JsonObject e ? e : new JsonObject();
            String message = String.valueOf(error.getValue("message"));
            if (message.equals(LiveConnection.NOT_FOUND)) {
                mapped.add(new JsonObject()
                        .put("message", message)
                        .put("extensions", new JsonObject().put("code", ErrorCode.NOT_FOUND.name())));
            } else {
                LOG.warnf("A subscription failed before its first event: %s", message);
                mapped.add(new JsonObject()
                        .put("message", "the subscription could not start")
                        .put("extensions", new JsonObject().put("code", ErrorCode.INTERNAL.name())));
            }
        }
        return new JsonObject()
                .put("id", operation)
                .put("type", "error")
                .put("payload", mapped)
                .encode();
    }

    /** A client's message as JSON, or null when it is not a JSON object. */
    static @Nullable JsonObject parse(String text) {
        try {
            return new JsonObject(text);
        } catch (DecodeException | ClassCastException e) {
            return null; // SmallRye answers it (4400)
        }
    }
}
