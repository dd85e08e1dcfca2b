package org.lyceum.live;

import io.micrometer.core.instrument.Counter;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.smallrye.graphql.runtime.SmallRyeAuthGraphQLTransportWSSubprotocolHandler;
import io.quarkus.smallrye.graphql.runtime.SmallRyeGraphQLAbstractHandler;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Accepts graphql-transport-ws WebSockets on {@code /graphql} as Quarkus' own handler does
 * (SmallRye's protocol handler, with the bearer token of {@code connection_init}'s payload
 * verified by quarkus-oidc as an HTTP request's: 4403 when it is not valid, 1008 when it expires),
 * with a {@link LiveConnection} between the socket and the protocol for Lyceum's limits and
 * error codes. Extends Quarkus' handler base so that the request context and identity of the
 * socket reach the resolvers as they do for Quarkus' handler.
 */
final class LiveSocket extends SmallRyeGraphQLAbstractHandler {

    static final String PROTOCOL = "graphql-transport-ws";
    private static final Logger LOG = Logger.getLogger(LiveSocket.class);

    private final Optional<String> authorizationPayloadName;
    private final LiveConnections connections;
    private final SubscriptionsConfig config;
    private final Counter dropped;
    private final SubscriptionGate gate;

    LiveSocket(
            CurrentIdentityAssociation identities,
            CurrentVertxRequest requests,
            Optional<String> authorizationPayloadName,
            LiveConnections connections,
            SubscriptionsConfig config,
            Counter dropped,
            SubscriptionGate gate) {
        super(identities, requests, false);
        this.gate = gate;
        this.authorizationPayloadName = authorizationPayloadName;
        this.connections = connections;
        this.config = config;
        this.dropped = dropped;
    }

    @Override
    protected void doHandle(RoutingContext ctx) {
        Map<String, Object> metaData = getMetaData(ctx);
        ctx.request().toWebSocket().onComplete(upgraded -> {
            if (upgraded.failed()) {
                LOG.debugf(
                        "A WebSocket upgrade on /graphql failed: %s",
                        upgraded.cause().getMessage());
                return;
            }
            ServerWebSocket socket = upgraded.result();
            if (!PROTOCOL.equals(socket.subProtocol())) {
                socket.close((short) 4406, "Subprotocol not acceptable");
                return;
            }
            LiveConnection connection = new LiveConnection(socket, ctx, connections, config, dropped, gate);
            connection.handledBy(new SmallRyeAuthGraphQLTransportWSSubprotocolHandler(
                    connection, metaData, ctx, this, authorizationPayloadName));
        });
    }
}
