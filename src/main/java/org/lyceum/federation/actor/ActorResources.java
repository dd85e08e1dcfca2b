package org.lyceum.federation.actor;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/** The URLs of actors, each its own root so no catch-all path sits in front of other routes. */
public final class ActorResources {

    private ActorResources() {}

    @Path("/people/{id}")
    public static class People {
        private final ActorResponses responses;

        People(ActorResponses responses) {
            this.responses = responses;
        }

        @GET
        public Uni<Response> get(@PathParam("id") String id, @HeaderParam("Accept") String accept) {
            return responses.person(id, accept);
        }
    }

    @Path("/communities/{id}")
    public static class Communities {
        private final ActorResponses responses;

        Communities(ActorResponses responses) {
            this.responses = responses;
        }

        @GET
        public Uni<Response> get(@PathParam("id") String id, @HeaderParam("Accept") String accept) {
            return responses.community(id, accept);
        }
    }

    @Path("/actor")
    public static class Instance {
        private final ActorResponses responses;

        Instance(ActorResponses responses) {
            this.responses = responses;
        }

        @GET
        public Uni<Response> get(@HeaderParam("Accept") String accept) {
            return responses.instanceActor(accept);
        }
    }
}
