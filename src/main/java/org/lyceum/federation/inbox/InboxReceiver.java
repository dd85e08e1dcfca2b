package org.lyceum.federation.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import org.jboss.logging.Logger;
import org.lyceum.account.Suspensions;
import org.lyceum.database.Sql;
import org.lyceum.federation.FederationConfig;
import org.lyceum.federation.protocol.Json;
import org.lyceum.federation.signature.SignedRequest;
import org.lyceum.ratelimit.RateClass;
import org.lyceum.ratelimit.RateLimits;

/**
 * What every inbox does before it answers: bound the size, parse, verify the HTTP signature
 * (draft-cavage or RFC 9421, the signer's key refetched once when it does not match), check the
 * origin, and store the activity once per inbox. Processing happens after the 202.
 */
@ApplicationScoped
public class InboxReceiver {

    private static final Logger LOG = Logger.getLogger(InboxReceiver.class);

    private final Sql sql;
    private final ObjectMapper mapper;
    private final FederationConfig config;
    private final InboxProcessor processor;
    private final SignatureVerifier verifier;
    private final org.lyceum.federation.policy.DomainPolicy policy;
    private final Handlers handlers;
    private final MeterRegistry meters;
    private final RateLimits limits;

    InboxReceiver(
            Sql sql,
            SignatureVerifier verifier,
            ObjectMapper mapper,
            FederationConfig config,
            InboxProcessor processor,
            org.lyceum.federation.policy.DomainPolicy policy,
            Handlers handlers,
            MeterRegistry meters,
            RateLimits limits) {
        this.limits = limits;
        this.handlers = handlers;
        this.meters = meters;
        this.policy = policy;
        this.sql = sql;
        this.verifier = verifier;
        this.mapper = mapper;
        this.config = config;
        this.processor = processor;
    }

    /**
     * Stores a verified activity; true when it was new to this inbox. Fails with an {@link InboxRefusal}.
     * Counted in lyceum_inbox_received_total by type (those with a handler, else "other") and outcome.
     */
    public Uni<Boolean> receive(String inbox, SignedRequest request) {
        String[] type = {"other"};
        return check(inbox, request, type)
                .invoke(fresh -> count(type[0], fresh ? "accepted" : "duplicate_or_dropped"))
                .onFailure(InboxRefusal.class)
                .invoke(e -> count(type[0], "refused_" + ((InboxRefusal) e).status()));
    }

    private void count(String type, String outcome) {
        meters.counter("lyceum.inbox.received", "type", type, "outcome", outcome)
                .increment();
    }

    private Uni<Boolean> check(String inbox, SignedRequest request, String[] type) {
        if (request.body().length > config.inboxMaxBytes()) {
            return refuse(413, "the activity is larger than " + config.inboxMaxBytes() + " bytes");
        }
        JsonNode activity;
        try {
            activity = mapper.readTree(request.body());
        } catch (IOException e) {
            return refuse(400, "the body is not JSON");
        }
        if (activity == null
                || !activity.isObject()
                || Json.text(activity, "id") == null
                || Json.type(activity) == null
                || Json.id(activity.get("actor")) == null) {
            return refuse(400, "an activity needs an id, a type and an actor");
        }
        String activityType = java.util.Objects.requireNonNull(Json.type(activity), "checked above");
        if (handlers.of(activityType) != null) {
            type[0] = activityType;
        }
        String actorHost = Origin.hostOf(Json.id(activity.get("actor")));
        if (actorHost == null || policy.suspended(actorHost)) {
            return refuse(403, "this instance does not federate with " + actorHost);
        }
        return verified(inbox, request, activity, actorHost);
    }

    private Uni<Boolean> verified(String inbox, SignedRequest request, JsonNode activity, String actorHost) {
        return verifier.signer(request, activity).chain(signer -> {
            if (signer == null) {
                return Uni.createFrom().item(false);
            }
            String refusal = Origin.refusal(activity, signer.apId());
            if (refusal != null) {
                LOG.infof("Refused %s from %s: %s", Json.type(activity), signer.apId(), refusal);
                return refuse(403, refusal);
            }
            String actor = Json.id(activity.get("actor"));
            return sql.one(
                            "select exists(select 1 from person p where p.ap_id = any($1) and " + Suspensions.ACTIVE
                                    + ") suspended",
                            r -> Boolean.TRUE.equals(r.getBoolean("suspended")),
                            (Object) new String[] {signer.apId(), actor == null ? signer.apId() : actor})
                    .chain(suspended -> {
                        if (suspended) {
                            LOG.infof("Refused %s from %s: suspended here", Json.type(activity), signer.apId());
                            return refuse(403, "the actor is suspended on this instance");
                        }
                        // Per host once the signer is known to be the actor (Origin): before that, any
                        // unsigned body could name a host and spend its bucket.
                        return limits.take(RateClass.INBOX, RateLimits.host(actorHost))
                                .chain(decision -> decision.granted()
                                        ? store(inbox, request, activity, signer.apId())
                                        : Uni.createFrom()
                                                .failure(new InboxRefusal(
                                                        429,
                                                        "too many activities from " + actorHost + "; retry after "
                                                                + decision.retryAfter() + " s",
                                                        decision.retryAfter())));
                    });
        });
    }

    /** Stores the activity for the processor; true when it was new to this inbox. */
    private Uni<Boolean> store(String inbox, SignedRequest request, JsonNode activity, String signer) {
        return sql.run(
                        "insert into inbox_activity (inbox, ap_id, actor, type, body) values ($1, $2, $3, $4, $5)"
                                + " on conflict (inbox, ap_id) do nothing",
                        inbox,
                        Json.text(activity, "id"),
                        signer,
                        Json.type(activity),
                        new String(request.body(), java.nio.charset.StandardCharsets.UTF_8))
                .map(n -> n > 0)
                .invoke(fresh -> {
                    if (fresh) {
                        processor.kick();
                    }
                });
    }

    private static <T> Uni<T> refuse(int status, String reason) {
        return Uni.createFrom().failure(new InboxRefusal(status, reason));
    }

    /** The full URL of a request, as the sender addressed it (for RFC 9421's @target-uri). */
    static URI target(String baseUrl, String pathAndQuery) {
        return URI.create(baseUrl + pathAndQuery);
    }
}
