package org.lyceum.federation.publish;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.lyceum.federation.actor.ActorResponses;
import org.lyceum.federation.protocol.CollectionDocument;

/** The collection URLs of local actors, each its own root beside the actor's. */
public final class CollectionResources {

    private CollectionResources() {}

    static Uni<Response> answer(
            ActorResponses responses, String id, java.util.function.Function<UUID, Uni<CollectionDocument>> load) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(Response.status(404).build());
        }
        return load.apply(uuid)
                .map(doc -> doc == null ? Response.status(404).build() : responses.json(Response.ok(), doc));
    }

    @Path("/people/{id}")
    public static class People {
        private final ActorCollections collections;
        private final ActorResponses responses;

        People(ActorCollections collections, ActorResponses responses) {
            this.collections = collections;
            this.responses = responses;
        }

        @GET
        @Path("outbox")
        public Uni<Response> outbox(@PathParam("id") String id, @QueryParam("page") String page) {
            return answer(responses, id, uuid -> collections.outbox("people", uuid, page));
        }

        @GET
        @Path("followers")
        public Uni<Response> followers(@PathParam("id") String id) {
            return answer(responses, id, uuid -> collections.followers("people", uuid));
        }
    }

    @Path("/communities/{id}")
    public static class Communities {
        private final ActorCollections collections;
        private final ActorResponses responses;

        Communities(ActorCollections collections, ActorResponses responses) {
            this.collections = collections;
            this.responses = responses;
        }

        @GET
        @Path("outbox")
        public Uni<Response> outbox(@PathParam("id") String id, @QueryParam("page") String page) {
            return answer(responses, id, uuid -> collections.outbox("communities", uuid, page));
        }

        @GET
        @Path("followers")
        public Uni<Response> followers(@PathParam("id") String id) {
            return answer(responses, id, uuid -> collections.followers("communities", uuid));
        }

        @GET
        @Path("featured")
        public Uni<Response> featured(@PathParam("id") String id) {
            return answer(responses, id, collections::featured);
        }

        @GET
        @Path("moderators")
        public Uni<Response> moderators(@PathParam("id") String id) {
            return answer(responses, id, collections::moderators);
        }
    }
}
