package org.lyceum.federation.delivery;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.lyceum.database.Sql;
import org.lyceum.federation.FederationConfig;
import org.lyceum.federation.fetch.SafeFetcher;
import org.lyceum.federation.remote.RemoteActors;
import org.lyceum.job.JobContext;
import org.lyceum.job.JobSpec;
import org.lyceum.job.Jobs;

/**
 * Federation upkeep, once an hour on one instance: finished deliveries past
 * lyceum.federation.delivery.keep are pruned, and dead hosts are probed (their NodeInfo link,
 * https first, then http); one that answers without a server error is alive again and its queue
 * resumes. Remote people and communities whose documents are older than
 * lyceum.federation.actor-refresh are fetched again (at most 200 a run), so renamed, moved or
 * re-keyed actors are current; one that is gone stays as it was and is tried next run.
 */
@ApplicationScoped
public class FederationMaintenance {

    public static final String JOB = "federation-maintenance";

    private final Sql sql;
    private final SafeFetcher http;
    private static final int REFRESH_PER_RUN = 200;

    private final FederationConfig.Delivery config;
    private final FederationConfig federation;
    private final RemoteActors actors;

    FederationMaintenance(Sql sql, SafeFetcher http, FederationConfig config, RemoteActors actors) {
        this.sql = sql;
        this.http = http;
        this.config = config.delivery();
        this.federation = config;
        this.actors = actors;
    }

    void register(@Observes StartupEvent event, Jobs jobs) {
        jobs.register(JobSpec.singleton(JOB, "0 15 * * * ?", null, this::run));
    }

    public Uni<String> run(JobContext job) {
        AtomicInteger revived = new AtomicInteger();
        return job.fenced(tx -> tx.run(
                                "delete from delivery where state in ('DELIVERED', 'FAILED')"
                                        + " and coalesce(delivered_at, next_attempt) < now() - $1 * interval '1 millisecond'",
                                config.keep().toMillis())
                        // Received activities are kept as long, for replays to be recognised; then their ids go too.
                        .chain(n -> tx.run(
                                        "delete from inbox_activity where state <> 'PENDING' and received_at < now() - $1"
                                                + " * interval '1 millisecond'",
                                        config.keep().toMillis())
                                .map(m -> n + m)))
                .chain(pruned -> sql.list(
                                "select host from federation_host where state = 'DEAD' order by last_error_at limit 50",
                                r -> r.getString("host"))
                        .chain(hosts -> Multi.createFrom()
                                .iterable(hosts)
                                .onItem()
                                .transformToUniAndMerge(host -> probe(host)
                                        .chain(alive -> !alive
                                                ? Uni.createFrom().voidItem()
                                                : job.fenced(tx -> tx.run(
                                                                "update federation_host set state = 'ALIVE', breaker = 'CLOSED',"
                                                                        + " consecutive_failures = 0, failing_since = null, open_until = null,"
                                                                        + " last_success_at = now() where host = $1",
                                                                host))
                                                        .invoke(revived::incrementAndGet)
                                                        .replaceWithVoid()))
                                .collect()
                                .asList())
                        .chain(() -> refreshActors())
                        .map(refreshed -> "pruned " + pruned + " deliveries and received activities, revived "
                                + revived.get() + " hosts, refreshed " + refreshed + " actors"));
    }

    /** Fetches the stalest remote actors again; the number that answered. */
    public Uni<Integer> refreshActors() {
        AtomicInteger refreshed = new AtomicInteger();
        return sql.list(
                        "select ap_id from (select ap_id, fetched_at from person where host is not null"
                                + " union all select ap_id, fetched_at from community where host is not null) a"
                                + " where fetched_at is null or fetched_at < now() - $1 * interval '1 millisecond'"
                                + " order by fetched_at nulls first limit $2",
                        r -> r.getString("ap_id"),
                        federation.actorRefresh().toMillis(),
                        REFRESH_PER_RUN)
                .chain(ids -> Multi.createFrom()
                        .iterable(ids)
                        .onItem()
                        .transformToUni(id -> actors.byId(id, true)
                                .invoke(refreshed::incrementAndGet)
                                .replaceWithVoid()
                                // One that fails waits a full refresh period too, so it cannot crowd out the rest.
                                .onFailure()
                                .recoverWithUni(
                                        e -> sql.run("update person set fetched_at = now() where ap_id = $1", id)
                                                .chain(() -> sql.run(
                                                        "update community set fetched_at = now() where ap_id = $1", id))
                                                .replaceWithVoid()
                                                .onFailure()
                                                .recoverWithNull()))
                        .merge(4)
                        .collect()
                        .asList())
                .map(done -> refreshed.get());
    }

    /** Whether the host answers at all without a server error. */
    private Uni<Boolean> probe(String host) {
        return attempt("https://" + host)
                .onItem()
                .transformToUni(ok -> ok ? Uni.createFrom().item(true) : attempt("http://" + host));
    }

    private Uni<Boolean> attempt(String origin) {
        return http.get(URI.create(origin + "/.well-known/nodeinfo"), Map.of("Accept", "application/json"))
                .map(response -> response.status() < 500)
                .onFailure()
                .recoverWithItem(false);
    }
}
