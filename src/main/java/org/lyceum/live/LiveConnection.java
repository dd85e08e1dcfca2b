package org.lyceum.live;

import static org.lyceum.live.LiveMessages.error;
import static org.lyceum.live.LiveMessages.failed;
import static org.lyceum.live.LiveMessages.parse;

import io.micrometer.core.instrument.Counter;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.graphql.websocket.GraphQLWebSocketSession;
import io.smallrye.graphql.websocket.GraphQLWebsocketHandler;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;
import org.lyceum.common.DomainException;
import org.lyceum.common.ErrorCode;

/**
 * One graphql-transport-ws WebSocket, between the socket and SmallRye's protocol handler. It
 * refuses a subscription over the limits with an {@code error} message (RATE_LIMITED) before
 * SmallRye sees it; it turns a subscription that failed before its first event (NOT_FOUND) into the
 * protocol's {@code error} message with {@code extensions.code}, where SmallRye would send a
 * {@code next} carrying errors and then {@code complete}; and it drops events while the socket's
 * write queue is full (a slow client), counting them, instead of queueing them without bound.
 */
final class LiveConnection implements GraphQLWebSocketSession {

    private static final Logger LOG = Logger.getLogger(LiveConnection.class);
    static final String NOT_FOUND = "no such thread or community, or you may not see it";

    private final ServerWebSocket socket;
    private final RoutingContext request;
    private final LiveConnections connections;
    private final int maxPerConnection;
    private final Counter dropped;
    private final SubscriptionGate gate;
    /** Operations the client started and that have not ended. */
    private final Set<String> active = ConcurrentHashMap.newKeySet();
    /** Operations that sent their first message. */
    private final Set<String> started = ConcurrentHashMap.newKeySet();
    /** Operations answered with an {@code error}: SmallRye's {@code complete} after it is not sent. */
    private final Set<String> refused = ConcurrentHashMap.newKeySet();

    private volatile @Nullable GraphQLWebsocketHandler handler;
    private volatile @Nullable String countedFor;
    /** Whether the server acknowledged connection_init: only then is the identity known. */
    private volatile boolean acknowledged;

    LiveConnection(
            ServerWebSocket socket,
            RoutingContext request,
            LiveConnections connections,
            SubscriptionsConfig config,
            Counter dropped,
            SubscriptionGate gate) {
        this.socket = socket;
        this.gate = gate;
        this.request = request;
        this.connections = connections;
        this.maxPerConnection = config.maxPerConnection();
        this.dropped = dropped;
        socket.setWriteQueueMaxSize(
                (int) Math.min(Integer.MAX_VALUE, config.slowClientBuffer().asLongValue()));
        request.vertx().setTimer(Math.max(1, config.connectionInitTimeout().toMillis()), id -> {
            if (!acknowledged && !socket.isClosed()) {
                socket.close((short) 4408, "Connection initialisation timeout");
            }
        });
    }

    static DomainException notFound() {
        return new DomainException(ErrorCode.NOT_FOUND, NOT_FOUND);
    }

    void handledBy(GraphQLWebsocketHandler protocol) {
        this.handler = protocol;
        socket.closeHandler(v -> {
            protocol.onClose();
            String subject = countedFor;
            if (subject != null) {
                connections.release(subject, this);
            }
        });
        socket.endHandler(v -> protocol.onEnd());
        socket.exceptionHandler(protocol::onThrowable);
        socket.textMessageHandler(this::received);
    }

    private void received(String text) {
        GraphQLWebsocketHandler protocol = handler;
        if (protocol == null) {
            return;
        }
        JsonObject message = parse(text);
        Object id = message == null ? null : message.getValue("id");
        if (message != null && id instanceof String operation) {
            String type = String.valueOf(message.getValue("type"));
            if (type.equals("subscribe") && !acknowledged) {
                // The protocol's answer to a subscribe before connection_ack; the caller is not known yet.
                socket.close((short) 4401, "Unauthorized");
                return;
            }
            if (type.equals("subscribe") && !active.contains(operation)) {
                if (!(message.getValue("payload") instanceof JsonObject payload)
                        || (payload.getValue("variables") != null
                                && !(payload.getValue("variables") instanceof JsonObject))) {
                    // Malformed: answered here, before it takes a slot or reaches SmallRye.
                    write(error(operation, ErrorCode.BAD_QUERY, "a subscribe's payload is {query, variables?}"));
                    return;
                }
                String refusal = admit();
                if (refusal != null) {
                    write(error(operation, ErrorCode.RATE_LIMITED, refusal));
                    return;
                }
                active.add(operation);
                check(protocol, operation, payload, text);
                return;
            } else if (type.equals("complete")) {
                end(operation);
            }
        }
        protocol.onMessage(text);
    }

    /**
     * Hands the subscription to SmallRye once it is within the limits and the caller was found to
     * see what it names; QUERY_TOO_COMPLEX or NOT_FOUND otherwise.
     */
    private void check(GraphQLWebsocketHandler protocol, String operation, @Nullable JsonObject payload, String text) {
        Context context = Vertx.currentContext();
        gate.check(payload, identity(), request.request().remoteAddress())
                .emitOn(task -> context.runOnContext(v -> task.run()))
                .subscribe()
                .with(
                        refusal -> {
                            if (!active.contains(operation) || socket.isClosed()) {
                                return; // completed by the client meanwhile
                            }
                            if (refusal == null) {
                                protocol.onMessage(text);
                            } else {
                                end(operation);
                                write(error(operation, refusal.code(), refusal.message(), refusal.retryAfter()));
                            }
                        },
                        failure -> {
                            LOG.warnf(failure, "A subscription could not be checked");
                            end(operation);
                            write(error(operation, ErrorCode.INTERNAL, "the subscription could not start"));
                        });
    }

    private @Nullable SecurityIdentity identity() {
        return request.user() instanceof QuarkusHttpUser user ? user.getSecurityIdentity() : null;
    }

    /** Why one more subscription may not start here, or null when it may. */
    private @Nullable String admit() {
        if (active.size() >= maxPerConnection) {
            return "at most " + maxPerConnection + " subscriptions on one connection";
        }
        String subject = subject();
        if (subject != null && countedFor == null) {
            if (!connections.admit(subject, this)) {
                return "at most " + connections.max() + " connections with subscriptions per person";
            }
            countedFor = subject;
        }
        return null;
    }

    private @Nullable String subject() {
        SecurityIdentity identity = identity();
        if (identity == null || identity.isAnonymous()) {
            return null;
        }
        return identity.getPrincipal() instanceof JsonWebToken token && token.getSubject() != null
                ? token.getSubject()
                : identity.getPrincipal().getName();
    }

    @Override
    public void sendMessage(String text) {
        String operation = startedNext(text);
        if (operation != null) { // the common case, an event of a running subscription: no parsing
            if (socket.writeQueueFull()) {
                dropped.increment();
            } else {
                write(text);
            }
            return;
        }
        JsonObject message = parse(text);
        Object id = message == null ? null : message.getValue("id");
        if (message == null || !(id instanceof String op)) {
            if (message != null && "connection_ack".equals(message.getValue("type"))) {
                acknowledged = true;
            }
            write(text);
            return;
        }
        sendParsed(text, message, op);
    }

    private void sendParsed(String text, JsonObject message, String operation) {
        switch (String.valueOf(message.getValue("type"))) {
            case "next" -> {
                if (started.add(operation) && failed(message.getJsonObject("payload"))) {
                    refused.add(operation);
                    end(operation);
                    write(error(operation, message.getJsonObject("payload").getJsonArray("errors")));
                    // The client was told it ended: SmallRye's subscription must end too, or it
                    // would keep running (and answering) outside the per-connection cap.
                    GraphQLWebsocketHandler protocol = handler;
                    if (protocol != null) {
                        protocol.onMessage(new JsonObject()
                                .put("type", "complete")
                                .put("id", operation)
                                .encode());
                    }
                    return;
                }
                if (socket.writeQueueFull()) {
                    dropped.increment();
                    return;
                }
            }
            case "complete" -> {
                end(operation);
                if (refused.remove(operation)) {
                    return;
                }
            }
            case "error" -> end(operation);
            default -> {}
        }
        write(text);
    }

    /** The operation of an event message (as SmallRye writes them) of a started subscription, or null. */
    private @Nullable String startedNext(String text) {
        String prefix = "{\"type\":\"next\",\"id\":\"";
        if (!text.startsWith(prefix)) {
            return null;
        }
        int end = text.indexOf('"', prefix.length());
        String operation = end < 0 ? null : text.substring(prefix.length(), end);
        return operation != null && operation.indexOf('\\') < 0 && started.contains(operation) ? operation : null;
    }

    private void end(String operation) {
        active.remove(operation);
        started.remove(operation);
    }

    private void write(String text) {
        socket.writeTextMessage(text);
    }

    @Override
    public void close(short statusCode, String reason) {
        socket.close(statusCode, reason);
    }

    @Override
    public boolean isClosed() {
        return socket.isClosed();
    }
}
