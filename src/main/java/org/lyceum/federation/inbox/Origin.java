package org.lyceum.federation.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.lyceum.federation.Authority;
import org.lyceum.federation.protocol.Json;

/**
 * Whether a signed activity may speak for what it names. The signer must be the activity's
 * actor, and the activity and any object it creates or changes must live on the actor's host:
 * without this a server could put words in another server's mouth (Mastodon's CVE-2024-23832).
 * An Announce may carry objects of other hosts; those are fetched from their origin, not trusted.
 */
public final class Origin {

    private static final Set<String> AUTHORED = Set.of("Create", "Update");

    private Origin() {}

    /** A reason to refuse, or null when the origin holds. */
    public static @Nullable String refusal(JsonNode activity, String signer) {
        String actor = Json.id(activity.get("actor"));
        String id = Json.text(activity, "id");
        if (actor == null || !actor.equals(signer)) {
            return "the activity's actor " + actor + " is not the signer " + signer;
        }
        String host = hostOf(actor);
        if (host == null || !host.equals(hostOf(id))) {
            return "the activity id " + id + " is not on the actor's host";
        }
        JsonNode object = Json.embedded(activity, "object");
        if (AUTHORED.contains(Json.type(activity))) {
            String objectId = object == null ? null : Json.text(object, "id");
            if (objectId == null || !host.equals(hostOf(objectId))) {
                return "the object " + objectId + " is not on the actor's host";
            }
            String author = object == null ? null : Json.id(object.get("attributedTo"));
            boolean isActor = object != null && object.has("inbox");
            if (!isActor && author != null && !host.equals(hostOf(author))) {
                return "the object is attributed to " + author + ", not to someone of the actor's host";
            }
        }
        if (Set.of("Undo", "Delete").contains(Json.type(activity))) {
            String objectActor = object == null ? null : Json.id(object.get("actor"));
            if (objectActor != null && !objectActor.equals(actor)) {
                return "an actor can only undo its own activities";
            }
            String objectId = Json.id(activity.get("object"));
            // A Delete may name content of another host: a group removes what is posted in its
            // community, wherever it was written. DeleteHandler accepts only the author or that group.
            if (objectId != null && !host.equals(hostOf(objectId)) && !"Delete".equals(Json.type(activity))) {
                return "the object " + objectId + " is not on the actor's host";
            }
        }
        return null;
    }

    public static @Nullable String hostOf(@Nullable String url) {
        if (url == null) {
            return null;
        }
        try {
            URI u = URI.create(url);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
            // Only web ids have an origin: javascript://host/... names a host but is no place of it.
            boolean web = scheme.equals("https") || scheme.equals("http");
            return !web || u.getHost() == null ? null : Authority.of(u);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
