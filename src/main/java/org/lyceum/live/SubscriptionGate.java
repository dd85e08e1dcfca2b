package org.lyceum.live;

import graphql.language.Argument;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import org.lyceum.account.AccountService;
import org.lyceum.account.Viewer;
import org.lyceum.common.DomainException;
import org.lyceum.common.ErrorCode;
import org.lyceum.common.GlobalId;
import org.lyceum.community.CommunityView;
import org.lyceum.content.ThreadView;
import org.lyceum.graphql.RequestGuard;
import org.lyceum.ratelimit.RateClass;
import org.lyceum.ratelimit.RateLimits;

/**
 * Whether a {@code subscribe} message may start, decided before SmallRye runs it: within the
 * limits of POSTed operations ({@link RequestGuard}), and on something the caller sees: a subscription
 * whose resolver fails cannot answer with the protocol's {@code error} message (graphql-java turns
 * a failed non-null event into a broken stream), so {@link LiveConnection} asks here first. Each
 * subscription field that takes an id names the type of the id and how visibility is checked;
 * any other operation (a field without an id, a query, a document that does not parse) goes on
 * to SmallRye, which answers it.
 */
@ApplicationScoped
class SubscriptionGate {

    /** A subscription field's id argument: its name, the id's type, the check. */
    private record Target(String argument, String type, BiFunction<Viewer, UUID, Uni<Boolean>> visible) {}

    /** Why a subscription may not start. */
    record Refusal(ErrorCode code, String message, long retryAfter) {
        Refusal(ErrorCode code, String message) {
            this(code, message, 0);
        }
    }

    private static final Refusal NOT_FOUND = new Refusal(ErrorCode.NOT_FOUND, LiveConnection.NOT_FOUND);
    private static final Refusal UNAUTHENTICATED =
            new Refusal(ErrorCode.UNAUTHENTICATED, "sign in to receive your notifications");

    private final AccountService accounts;
    private final RateLimits limits;
    private final RequestGuard guard;
    private final Map<String, Target> targets;

    SubscriptionGate(AccountService accounts, LiveQueries queries, RequestGuard guard, RateLimits limits) {
        this.limits = limits;
        this.accounts = accounts;
        this.guard = guard;
        this.targets = Map.of(
                "commentAdded", new Target("threadId", ThreadView.TYPE, queries::threadVisible),
                "communityFeedAdded", new Target("communityId", CommunityView.TYPE, queries::communityVisible));
    }

    /**
     * Null when the operation may go on to SmallRye; QUERY_TOO_COMPLEX over the limits of POSTed
     * operations (RequestGuard's), NOT_FOUND for an id that is not there or not visible.
     */
    Uni<@Nullable Refusal> check(
            @Nullable JsonObject payload, @Nullable SecurityIdentity identity, @Nullable SocketAddress remote) {
        // Every subscribe takes a token, well-formed or not: each costs a parse and a check.
        Uni<Viewer> viewer = identity == null ? Uni.createFrom().item(Viewer.ANONYMOUS) : accounts.viewerOf(identity);
        return viewer.chain(v -> limits.take(RateClass.SUBSCRIPTIONS, RateLimits.of(v, remote)))
                .chain(decision -> decision.granted()
                        ? admitted(payload, identity)
                        : Uni.createFrom()
                                .item(new Refusal(
                                        ErrorCode.RATE_LIMITED,
                                        RateLimits.message(RateClass.SUBSCRIPTIONS, decision),
                                        decision.retryAfter())));
    }

    private Uni<@Nullable Refusal> admitted(@Nullable JsonObject payload, @Nullable SecurityIdentity identity) {
        Document document = payload == null ? null : parse(payload);
        if (payload == null || document == null) {
            return Uni.createFrom().nullItem(); // SmallRye answers what does not parse
        }
        Object name = payload.getValue("operationName");
        JsonObject variables = payload.getJsonObject("variables");
        String tooComplex = guard.refusal(
                document, name instanceof String n ? n : null, variables == null ? Map.of() : variables.getMap());
        if (tooComplex != null) {
            return Uni.createFrom().item(new Refusal(ErrorCode.QUERY_TOO_COMPLEX, tooComplex));
        }
        if (!subscription(document, name)) {
            // Queries and mutations go by POST, where the deadline and statement timeout hold.
            return Uni.createFrom()
                    .item(new Refusal(
                            ErrorCode.BAD_QUERY,
                            "only subscriptions over WebSocket; send queries and mutations as POST /graphql"));
        }
        Field field = rootField(document, name);
        if (field != null && field.getName().equals("notificationAdded")) {
            return Uni.createFrom().item(identity == null || identity.isAnonymous() ? UNAUTHENTICATED : null);
        }
        Target target = field == null ? null : targets.get(field.getName());
        if (field == null || target == null) {
            return Uni.createFrom().nullItem();
        }
        Object given = argument(field, target.argument(), variables);
        UUID id;
        try {
            id = given instanceof String text ? GlobalId.uuid(target.argument(), text, target.type()) : null;
        } catch (DomainException e) {
            id = null;
        }
        if (id == null) {
            return Uni.createFrom().item(NOT_FOUND);
        }
        UUID uuid = id;
        Uni<Viewer> viewer = identity == null ? Uni.createFrom().item(Viewer.ANONYMOUS) : accounts.viewerOf(identity);
        return viewer.chain(v -> target.visible().apply(v, uuid)).map(seen -> seen ? null : NOT_FOUND);
    }

    private static @Nullable Document parse(JsonObject payload) {
        if (!(payload.getValue("query") instanceof String query)) {
            return null;
        }
        try {
            return Parser.parse(query);
        } catch (InvalidSyntaxException e) {
            return null;
        }
    }

    /** Whether the operation to run (by name, or the document's only one) is a subscription. */
    private static boolean subscription(Document document, @Nullable Object name) {
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        for (OperationDefinition operation : operations) {
            if ((name == null && operations.size() == 1) || (name != null && name.equals(operation.getName()))) {
                return operation.getOperation() == OperationDefinition.Operation.SUBSCRIPTION;
            }
        }
        return true; // no such operation: SmallRye answers that
    }

    private static @Nullable Field rootField(Document document, @Nullable Object name) {
        for (OperationDefinition operation : document.getDefinitionsOfType(OperationDefinition.class)) {
            if (operation.getOperation() == OperationDefinition.Operation.SUBSCRIPTION
                    && (name == null || name.equals(operation.getName()))
                    && operation.getSelectionSet().getSelections().size() == 1
                    && operation.getSelectionSet().getSelections().get(0) instanceof Field field) {
                return field;
            }
        }
        return null;
    }

    private static @Nullable Object argument(Field field, String name, @Nullable JsonObject variables) {
        for (Argument argument : field.getArguments()) {
            if (argument.getName().equals(name)) {
                Value<?> value = argument.getValue();
                if (value instanceof StringValue text) {
                    return text.getValue();
                }
                if (value instanceof VariableReference variable && variables != null) {
                    return variables.getValue(variable.getName());
                }
            }
        }
        return null;
    }
}
