package org.lyceum.federation.inbox;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.lyceum.federation.signature.SignedRequest;
import org.lyceum.instance.InstanceConfig;

/**
 * The inboxes: the shared one, each person's and community's, and the instance actor's. They all
 * do the same; the inbox a delivery came to is kept so a replay to it is recognised.
 */
public final class InboxResources {

    private InboxResources() {}

    @Path("/inbox")
    public static class Shared {
        private final Inboxes inboxes;

        Shared(Inboxes inboxes) {
            this.inboxes = inboxes;
        }

        @POST
        @Consumes(MediaType.WILDCARD)
        public Uni<Response> post(byte[] body, @Context HttpHeaders headers, @Context UriInfo uri) {
            return inboxes.post(null, body, headers, uri);
        }
    }

    @Path("/people/{id}/inbox")
    public static class People {
        private final Inboxes inboxes;

        People(Inboxes inboxes) {
            this.inboxes = inboxes;
        }

        @POST
        @Consumes(MediaType.WILDCARD)
        public Uni<Response> post(
                @PathParam("id") String id, byte[] body, @Context HttpHeaders headers, @Context UriInfo uri) {
            return inboxes.post("/people/" + id, body, headers, uri);
        }
    }

    @Path("/communities/{id}/inbox")
    public static class Communities {
        private final Inboxes inboxes;

        Communities(Inboxes inboxes) {
            this.inboxes = inboxes;
        }

        @POST
        @Consumes(MediaType.WILDCARD)
        public Uni<Response> post(
                @PathParam("id") String id, byte[] body, @Context HttpHeaders headers, @Context UriInfo uri) {
            return inboxes.post("/communities/" + id, body, headers, uri);
        }
    }

    @Path("/actor/inbox")
    public static class Instance {
        private final Inboxes inboxes;

        Instance(Inboxes inboxes) {
            this.inboxes = inboxes;
        }

        @POST
        @Consumes(MediaType.WILDCARD)
        public Uni<Response> post(byte[] body, @Context HttpHeaders headers, @Context UriInfo uri) {
            return inboxes.post("/actor", body, headers, uri);
        }
    }

    /** The HTTP side shared by all inboxes: the owner must exist here, refusals become 4xx with a reason. */
    @jakarta.enterprise.context.ApplicationScoped
    public static class Inboxes {
        private final InboxReceiver receiver;
        private final org.lyceum.federation.actor.Discovery discovery;
        private final String baseUrl;

        Inboxes(InboxReceiver receiver, org.lyceum.federation.actor.Discovery discovery, InstanceConfig instance) {
            this.receiver = receiver;
            this.discovery = discovery;
            this.baseUrl = instance.baseUrl();
        }

        Uni<Response> post(@Nullable String owner, byte[] body, HttpHeaders headers, UriInfo uri) {
            String raw = uri.getRequestUri().getRawPath()
                    + (uri.getRequestUri().getRawQuery() == null
                            ? ""
                            : "?" + uri.getRequestUri().getRawQuery());
            Map<String, String> flat = new HashMap<>();
            headers.getRequestHeaders().forEach((k, v) -> flat.put(k, String.join(", ", v)));
            SignedRequest request = new SignedRequest("POST", InboxReceiver.target(baseUrl, raw), flat, body);
            String inbox = baseUrl + (owner == null ? "" : owner) + "/inbox";
            Uni<Boolean> exists = owner == null || owner.equals("/actor")
                    ? Uni.createFrom().item(true)
                    : discovery.byId(baseUrl + owner).map(found -> !found.isEmpty());
            return exists.chain(found -> !found
                    ? Uni.createFrom().item(text(404, "no such actor"))
                    : receiver.receive(inbox, request)
                            .map(fresh -> Response.accepted().build())
                            .onFailure(InboxRefusal.class)
                            .recoverWithItem(e -> refused((InboxRefusal) e)));
        }

        private static Response refused(InboxRefusal refusal) {
            Response.ResponseBuilder response = Response.status(refusal.status())
                    .type(MediaType.TEXT_PLAIN_TYPE)
                    .entity(refusal.getMessage());
            if (refusal.retryAfter() > 0) {
                response.header("Retry-After", refusal.retryAfter());
            }
            return response.build();
        }

        private static Response text(int status, @Nullable String reason) {
            return Response.status(status)
                    .type(MediaType.TEXT_PLAIN_TYPE)
                    .entity(reason)
                    .build();
        }
    }
}
