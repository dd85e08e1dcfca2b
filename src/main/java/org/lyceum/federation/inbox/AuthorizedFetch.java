package org.lyceum.federation.inbox;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.lyceum.federation.FederationConfig;
import org.lyceum.federation.actor.ActorResponses;
import org.lyceum.federation.signature.SignedRequest;
import org.lyceum.instance.InstanceConfig;

/**
 * Authorized-fetch mode (lyceum.federation.authorized-fetch): ActivityPub GETs of people,
 * communities, their collections and objects must be signed by a remote actor, so that this
 * instance always knows who reads. The instance actor stays open (servers fetch it to learn the
 * key they verify our own fetches with), and so do WebFinger, NodeInfo and HTML pages.
 */
@ApplicationScoped
public class AuthorizedFetch {

    private static final Pattern GUARDED =
            Pattern.compile("^/(people|communities|objects)/[^/]+(/(outbox|followers|featured|moderators))?$");

    private final SignatureVerifier verifier;
    private final FederationConfig config;
    private final String baseUrl;

    AuthorizedFetch(SignatureVerifier verifier, FederationConfig config, InstanceConfig instance) {
        this.verifier = verifier;
        this.config = config;
        this.baseUrl = instance.baseUrl();
    }

    @ServerRequestFilter
    public Uni<Response> check(ContainerRequestContext request) {
        if (!config.authorizedFetch() || !"GET".equals(request.getMethod())) {
            return Uni.createFrom().nullItem();
        }
        String path = request.getUriInfo().getRequestUri().getRawPath();
        boolean collection = path.endsWith("/outbox")
                || path.endsWith("/followers")
                || path.endsWith("/featured")
                || path.endsWith("/moderators");
        if (!GUARDED.matcher(path).matches()
                || !(collection || ActorResponses.wantsActivityPub(request.getHeaderString("Accept")))) {
            return Uni.createFrom().nullItem();
        }
        Map<String, String> headers = new HashMap<>();
        request.getHeaders().forEach((k, v) -> headers.put(k, String.join(", ", v)));
        String query = request.getUriInfo().getRequestUri().getRawQuery();
        SignedRequest signed = new SignedRequest(
                "GET", java.net.URI.create(baseUrl + path + (query == null ? "" : "?" + query)), headers, null);
        return verifier.signer(signed, null)
                .map(signer -> (Response) null)
                .onFailure(InboxRefusal.class)
                .recoverWithItem(e -> Response.status(401)
                        .type(MediaType.TEXT_PLAIN_TYPE)
                        .header("WWW-Authenticate", "Signature")
                        .entity("this instance answers signed requests only: " + e.getMessage())
                        .build());
    }
}
