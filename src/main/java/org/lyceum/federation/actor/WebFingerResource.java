package org.lyceum.federation.actor;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;

/**
 * WebFinger (RFC 7033) for this instance's people and communities: {@code acct:name@host} or an
 * actor's id. Like Lemmy, a link to a community says it is a Group
 * ({@code properties["https://www.w3.org/ns/activitystreams#type"]}). A handle has one answer:
 * people and communities share one namespace, and in a clash from before they did the person
 * wins ({@link Discovery#byName}).
 */
@Path("/.well-known/webfinger")
public class WebFingerResource {

    static final String JRD = "application/jrd+json";
    static final String AS_TYPE = "https://www.w3.org/ns/activitystreams#type";

    private final Discovery discovery;

    WebFingerResource(Discovery discovery) {
        this.discovery = discovery;
    }

    @GET
    public Uni<Response> webfinger(@QueryParam("resource") String resource) {
        if (resource == null || resource.isBlank()) {
            return Uni.createFrom().item(error(Response.Status.BAD_REQUEST, "the resource parameter is required"));
        }
        String r = resource.trim();
        Uni<List<Discovery.Actor>> found;
        if (r.regionMatches(true, 0, "acct:", 0, 5)) {
            String handle = r.substring(5);
            int at = handle.lastIndexOf('@');
            if (at <= 0 || at == handle.length() - 1) {
                return Uni.createFrom().item(error(Response.Status.BAD_REQUEST, "expected acct:name@host"));
            }
            // Lemmy users write communities as !name@host; the ! is not part of the name.
            String name = handle.startsWith("!") ? handle.substring(1, at) : handle.substring(0, at);
            if (!handle.substring(at + 1).toLowerCase(Locale.ROOT).equals(discovery.host())) {
                return Uni.createFrom().item(error(Response.Status.NOT_FOUND, "not an account of this instance"));
            }
            found = discovery.byName(name);
        } else if (r.startsWith("https://") || r.startsWith("http://")) {
            found = discovery.byId(r);
        } else {
            return Uni.createFrom().item(error(Response.Status.BAD_REQUEST, "expected acct:name@host or an actor URL"));
        }
        return found.map(actors -> actors.isEmpty()
                ? error(Response.Status.NOT_FOUND, "no such account")
                : Response.ok(jrd(actors).encode(), JRD)
                        .header("Access-Control-Allow-Origin", "*")
                        .build());
    }

    private JsonObject jrd(List<Discovery.Actor> actors) {
        Discovery.Actor first = actors.get(0);
        JsonArray links = new JsonArray();
        JsonArray aliases = new JsonArray();
        for (Discovery.Actor actor : actors) {
            aliases.add(actor.apId());
            links.add(new JsonObject()
                    .put("rel", "http://webfinger.net/rel/profile-page")
                    .put("type", "text/html")
                    .put("href", actor.apId()));
            links.add(new JsonObject()
                    .put("rel", "self")
                    .put("type", "application/activity+json")
                    .put("href", actor.apId())
                    .put("properties", new JsonObject().put(AS_TYPE, actor.type())));
        }
        return new JsonObject()
                .put("subject", "acct:" + first.name() + "@" + discovery.host())
                .put("aliases", aliases)
                .put("links", links);
    }

    private static Response error(Response.Status status, String reason) {
        return Response.status(status)
                .type(JRD)
                .entity(new JsonObject().put("error", reason).encode())
                .build();
    }
}
