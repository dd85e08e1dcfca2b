package org.lyceum.federation.actor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lyceum.federation.protocol.Tombstone;

/**
 * Actor documents by content negotiation: {@code application/activity+json} or
 * {@code application/ld+json} get the ActivityPub JSON, a browser gets a small HTML page. A
 * deleted community answers 410 with a Tombstone. The HTTP resources are the thin classes below.
 */
@ApplicationScoped
public class ActorResponses {

    static final String AP_JSON = "application/activity+json; charset=utf-8";

    private final ActorDocuments documents;
    private final ObjectMapper json;

    ActorResponses(ActorDocuments documents, ObjectMapper json) {
        this.documents = documents;
        this.json = json;
    }

    public Uni<Response> person(String id, String accept) {
        UUID uuid = uuid(id);
        return uuid == null ? notFound() : documents.person(uuid).map(found -> answer(found, accept));
    }

    public Uni<Response> community(String id, String accept) {
        UUID uuid = uuid(id);
        return uuid == null ? notFound() : documents.community(uuid).map(found -> answer(found, accept));
    }

    public Uni<Response> instanceActor(String accept) {
        return documents.instanceActor().map(found -> answer(found, accept));
    }

    /** Whether the client asked for ActivityPub rather than a page. */
    public static boolean wantsActivityPub(String accept) {
        if (accept == null) {
            return false;
        }
        String a = accept.toLowerCase(Locale.ROOT);
        return a.contains("application/activity+json") || a.contains("application/ld+json");
    }

    private Response answer(ActorDocuments.Found found, String accept) {
        if (found == null) {
            return Response.status(404).build();
        }
        boolean ap = wantsActivityPub(accept);
        if (found.document() == null) {
            return ap
                    ? json(Response.status(410), Tombstone.of(found.id(), found.formerType(), found.deletedAt()))
                    : Response.status(410)
                            .type("text/html; charset=utf-8")
                            .entity(page("Gone", "This community was deleted."))
                            .build();
        }
        if (ap) {
            return json(Response.ok(), found.document());
        }
        var d = found.document();
        return Response.ok(page(d.name(), d.summary() == null ? "" : d.summary()), "text/html; charset=utf-8")
                .header("Vary", "Accept")
                .header("Link", "<" + d.id() + ">; rel=\"alternate\"; type=\"application/activity+json\"")
                .build();
    }

    /** An ActivityPub document as the response body. */
    public Response json(Response.ResponseBuilder builder, Object body) {
        try {
            return builder.type(AP_JSON)
                    .header("Vary", "Accept")
                    .entity(json.writeValueAsString(body))
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The small HTML page browsers get for an ActivityPub URL. */
    public static String page(String title, String text) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title></head><body><h1>" + escape(title) + "</h1><p>" + escape(text) + "</p></body></html>";
    }

    private static String escape(String s) {
        return s == null
                ? ""
                : s.replace("&", "&amp;")
                        .replace("<", "&lt;")
                        .replace(">", "&gt;")
                        .replace("\"", "&quot;");
    }

    private static @Nullable UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Uni<Response> notFound() {
        return Uni.createFrom().item(Response.status(404).build());
    }
}
