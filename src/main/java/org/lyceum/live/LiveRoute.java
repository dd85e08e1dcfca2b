package org.lyceum.live;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Puts {@link LiveSocket} on {@code GET /graphql} ahead of SmallRye's route, for WebSocket
 * upgrades asking for graphql-transport-ws; everything else goes on to SmallRye untouched.
 * {@code graphql.TimeLimits} lets upgrades through unmarked (no deadline for subscriptions) and
 * {@code graphql.RequestGuard} only reads POSTs.
 */
@ApplicationScoped
class LiveRoute {

    private final String path;
    private final LiveSocket socket;

    LiveRoute(
            @ConfigProperty(name = "quarkus.smallrye-graphql.root-path", defaultValue = "graphql") String rootPath,
            @ConfigProperty(name = "quarkus.smallrye-graphql.authorization-client-init-payload-name")
                    Optional<String> authorizationPayloadName,
            CurrentIdentityAssociation identities,
            CurrentVertxRequest requests,
            LiveConnections connections,
            SubscriptionsConfig config,
            MeterRegistry meters,
            SubscriptionGate gate) {
        this.path = rootPath.startsWith("/") ? rootPath : "/" + rootPath;
        this.socket = new LiveSocket(
                identities, requests, authorizationPayloadName, connections, config, LiveMetrics.dropped(meters), gate);
    }

    void register(@Observes Router router) {
        // Quarkus puts its own WebSocket handler on the path at order -99; TimeLimits (-200) lets upgrades through.
        router.get(path).order(-150).handler(this::route);
    }

    private void route(RoutingContext ctx) {
        String protocols = ctx.request().getHeader("Sec-WebSocket-Protocol");
        if (ctx.request().headers().contains(HttpHeaders.UPGRADE, HttpHeaders.WEBSOCKET, true)
                && protocols != null
                && protocols.contains(LiveSocket.PROTOCOL)) {
            socket.handle(ctx);
        } else {
            ctx.next();
        }
    }
}
