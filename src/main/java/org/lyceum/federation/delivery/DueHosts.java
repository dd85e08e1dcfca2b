package org.lyceum.federation.delivery;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Deque;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.stream.Stream;
import org.jboss.logging.Logger;
import org.lyceum.database.Sql;
import org.lyceum.federation.FederationConfig;

/**
 * The hosts with deliveries due, handed to this instance's delivery runs one at a time: never a
 * host a run of this instance is already working on, nor one dead or with its breaker open
 * (until its open time passes, when it gets a probe).
 */
@ApplicationScoped
class DueHosts {

    private static final Logger LOG = Logger.getLogger(DueHosts.class);

    /** A due host, and whether its breaker was open (so its drain is a single probe). */
    record Due(String host, boolean open) {}

    private final Sql sql;
    private final int page;
    private final Set<String> working = ConcurrentHashMap.newKeySet();

    DueHosts(Sql sql, FederationConfig config) {
        this.sql = sql;
        this.page = config.delivery().hostsPerInstance() * 4;
    }

    /** One run's pass over the due hosts: each host at most once. */
    Pass pass() {
        return new Pass();
    }

    /** The host is no longer worked on by this instance. */
    void release(String host) {
        working.remove(host);
    }

    final class Pass {

        private final Set<String> tried = ConcurrentHashMap.newKeySet();
        private final Deque<Due> candidates = new ConcurrentLinkedDeque<>();

        /**
         * The next due host this pass has not tried and no run of this instance is working on, from
         * a page of candidates read in one query (longest waiting first) and read again when used up.
         */
        Uni<Optional<Due>> next() {
            Optional<Due> next = take();
            if (next.isPresent()) {
                return Uni.createFrom().item(next);
            }
            return sql.list(
                            "select d.host, coalesce(h.breaker, 'CLOSED') as breaker from delivery d"
                                    + " left join federation_host h on h.host = d.host"
                                    + " where d.state in ('PENDING', 'SENDING') and d.next_attempt <= now() and d.host <> all($1)"
                                    + " and coalesce(h.state, 'ALIVE') = 'ALIVE' and (h.open_until is null or h.open_until <= now())"
                                    + " group by d.host, h.breaker order by min(d.next_attempt) limit $2",
                            r -> new Due(r.getString("host"), "OPEN".equals(r.getString("breaker"))),
                            (Object) Stream.concat(tried.stream(), working.stream())
                                    .distinct()
                                    .toArray(String[]::new),
                            page)
                    .map(hosts -> {
                        candidates.addAll(hosts);
                        return take();
                    })
                    // A failed lookup ends the run's intake, not the drains already going.
                    .onFailure()
                    .recoverWithItem(e -> {
                        LOG.warn("Could not look for due hosts", e);
                        return Optional.empty();
                    });
        }

        private Optional<Due> take() {
            Due next;
            while ((next = candidates.poll()) != null) {
                if (tried.add(next.host()) && working.add(next.host())) {
                    return Optional.of(next);
                }
            }
            return Optional.empty();
        }
    }
}
