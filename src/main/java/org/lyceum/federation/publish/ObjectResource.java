package org.lyceum.federation.publish;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.lyceum.federation.actor.ActorResponses;
import org.lyceum.federation.protocol.Tombstone;

/**
 * The URL of each piece of local content. Content of private communities is not served (its
 * members' servers get it by delivery); deleted content answers 410 with a Tombstone.
 */
@Path("/objects/{id}")
public class ObjectResource {

    private final ContentDocuments documents;
    private final ActorResponses responses;

    ObjectResource(ContentDocuments documents, ActorResponses responses) {
        this.documents = documents;
        this.responses = responses;
    }

    @GET
    public Uni<Response> get(@PathParam("id") String id, @HeaderParam("Accept") String accept) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(Response.status(404).build());
        }
        boolean ap = ActorResponses.wantsActivityPub(accept);
        return documents.byId(uuid).map(found -> {
            if (found == null || !found.local() || !found.isPublic()) {
                return Response.status(404).build();
            }
            if (found.document() == null) {
                return ap
                        ? responses.json(
                                Response.status(410), Tombstone.of(found.apId(), found.formerType(), found.deletedAt()))
                        : Response.status(410)
                                .type("text/html; charset=utf-8")
                                .entity(ActorResponses.page("Gone", "This was deleted."))
                                .build();
            }
            if (!found.apId().endsWith(id)) {
                // A thread's first comment is part of its thread's Page.
                return Response.status(303)
                        .location(java.net.URI.create(found.apId()))
                        .build();
            }
            var d = found.document();
            return ap
                    ? responses.json(Response.ok(), d)
                    : Response.ok(
                                    ActorResponses.page(d.name() == null ? "Comment" : d.name(), ""),
                                    "text/html; charset=utf-8")
                            .header("Vary", "Accept")
                            .build();
        });
    }
}
