package org.lyceum.federation.delivery;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.lyceum.database.Sql;
import org.lyceum.federation.Authority;
import org.lyceum.federation.policy.DomainPolicy;

/**
 * Where activities to other servers are written: in the caller's transaction, so a change and
 * the deliveries that announce it commit together or not at all. Sending is the worker's job.
 */
@ApplicationScoped
public class Outbox {

    private final DomainPolicy policy;

    Outbox(DomainPolicy policy) {
        this.policy = policy;
    }

    /**
     * One delivery per inbox (an inbox listed twice, or again for the same activity, is written
     * once); the number written. {@code traceParent} is the trace of the change they announce, if any.
     */
    public Uni<Integer> enqueue(
            Sql tx,
            String activityId,
            String signer,
            String body,
            Collection<URI> inboxes,
            @Nullable String traceParent) {
        // Nothing goes to suspended domains (or, in allowlist mode, to domains not allowed).
        List<URI> distinct = inboxes.stream()
                .distinct()
                .filter(i -> i.getHost() != null && !policy.suspended(Authority.of(i)))
                .toList();
        if (distinct.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        String[] hosts = distinct.stream().map(Authority::of).toArray(String[]::new);
        String[] urls = distinct.stream().map(URI::toString).toArray(String[]::new);
        return tx.run(
                "insert into delivery (host, inbox, activity_id, signer, body, trace_parent)"
                        + " select h, i, $3, $4, $5, $6 from unnest($1::text[], $2::text[]) as t(h, i)"
                        + " on conflict (activity_id, inbox) do nothing",
                hosts,
                urls,
                activityId,
                signer,
                body,
                traceParent);
    }
}
