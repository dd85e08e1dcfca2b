package org.lyceum.federation.policy;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;
import org.lyceum.database.Sql;
import org.lyceum.federation.FederationConfig;

/**
 * This instance's stance towards each remote domain, asked on every inbox POST, fetch and
 * delivery, so it is answered from memory: the tables are read at start, after each change made
 * here, and again when the copy is older than {@link #STALE} (how long a change made on another
 * instance of the cluster takes to apply here). A block of a domain covers its subdomains.
 */
@ApplicationScoped
public class DomainPolicy {

    public enum Decision {
        ALLOW,
        SILENCE,
        SUSPEND
    }

    static final Duration STALE = Duration.ofSeconds(15);
    private static final Logger LOG = Logger.getLogger(DomainPolicy.class);

    private record Snapshot(Map<String, Severity> blocks, Set<String> allowed, long loadedAt) {}

    private final Sql sql;
    private final FederationConfig config;
    private final AtomicBoolean loading = new AtomicBoolean();
    private volatile Snapshot snapshot = new Snapshot(Map.of(), Set.of(), 0);
    private volatile Set<String> rejectsReports = Set.of();
    private volatile Set<String> rejectsMedia = Set.of();
    private long loadStarted = System.nanoTime() - 1_000_000_000_000L;

    DomainPolicy(Sql sql, FederationConfig config) {
        this.sql = sql;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        reload().await().atMost(Duration.ofSeconds(30));
    }

    /** The decision for a host ({@code host} or {@code host:port}). */
    public Decision of(@Nullable String authority) {
        Snapshot s = snapshot;
        if (System.currentTimeMillis() - s.loadedAt > STALE.toMillis() && loading.compareAndSet(false, true)) {
            reload().subscribe().with(ok -> {}, e -> LOG.warn("Could not reload the domain policy", e));
        }
        if (authority == null) {
            return Decision.SUSPEND;
        }
        String host = authority.toLowerCase(Locale.ROOT);
        String bare = host.contains(":") && !host.startsWith("[") ? host.substring(0, host.lastIndexOf(':')) : host;
        Severity worst = null;
        boolean allowed = false;
        for (String candidate : candidates(host, bare)) {
            Severity sev = s.blocks.get(candidate);
            if (sev == Severity.SUSPEND || (sev == Severity.SILENCE && worst != Severity.SUSPEND)) {
                worst = sev;
            }
            allowed |= s.allowed.contains(candidate);
        }
        if (worst == Severity.SUSPEND || (config.allowlistMode() && !allowed)) {
            return Decision.SUSPEND;
        }
        return worst == Severity.SILENCE ? Decision.SILENCE : Decision.ALLOW;
    }

    public boolean suspended(String authority) {
        return of(authority) == Decision.SUSPEND;
    }

    /** Whether reports (Flag) from the domain are taken. */
    public boolean takesReportsFrom(@Nullable String authority) {
        Snapshot s = snapshot;
        String host = authority == null ? "" : authority.toLowerCase(Locale.ROOT);
        return candidates(host, host.contains(":") ? host.substring(0, host.lastIndexOf(':')) : host).stream()
                .noneMatch(c -> s.blocks.containsKey(c) && rejectsReports.contains(c));
    }

    /** Whether the domain's icons and banners may be copied here (lyceum.media.cache-remote). */
    public boolean takesMediaFrom(@Nullable String authority) {
        Snapshot s = snapshot;
        Set<String> rejects = rejectsMedia;
        String host = authority == null ? "" : authority.toLowerCase(Locale.ROOT);
        return candidates(host, host.contains(":") ? host.substring(0, host.lastIndexOf(':')) : host).stream()
                .noneMatch(c -> s.blocks.containsKey(c) && rejects.contains(c));
    }

    /** The host itself (with and without port) and each parent domain. */
    private static List<String> candidates(String host, String bare) {
        List<String> out = new java.util.ArrayList<>(List.of(host));
        if (!bare.equals(host)) {
            out.add(bare);
        }
        int dot = bare.indexOf('.');
        while (dot >= 0 && !bare.matches("[0-9.]+")) {
            String parent = bare.substring(dot + 1);
            if (parent.contains(".")) {
                out.add(parent);
            }
            dot = bare.indexOf('.', dot + 1);
        }
        return out;
    }

    /** Reads the tables (and the configured lists) again. */
    public Uni<Void> reload() {
        long started = System.nanoTime();
        return sql.list("select domain, severity, reject_reports, reject_media from domain_block", r -> r)
                .chain(blocks -> sql.list("select domain from domain_allow", r -> r.getString("domain"))
                        .map(allows -> {
                            Map<String, Severity> map = new HashMap<>();
                            Set<String> reports = new HashSet<>();
                            Set<String> media = new HashSet<>();
                            config.blockedDomains()
                                    .orElse(List.of())
                                    .forEach(d -> map.put(d.strip().toLowerCase(Locale.ROOT), Severity.SUSPEND));
                            blocks.forEach(r -> {
                                map.merge(
                                        r.getString("domain"),
                                        Severity.valueOf(r.getString("severity")),
                                        (a, b) -> a == Severity.SUSPEND ? a : b);
                                if (r.getBoolean("reject_reports")) {
                                    reports.add(r.getString("domain"));
                                }
                                if (r.getBoolean("reject_media")) {
                                    media.add(r.getString("domain"));
                                }
                            });
                            Set<String> allowed = new HashSet<>(allows);
                            config.allowedDomains()
                                    .orElse(List.of())
                                    .forEach(d -> allowed.add(d.strip().toLowerCase(Locale.ROOT)));
                            synchronized (this) {
                                // A slower load that read the tables earlier must not replace a newer one.
                                if (started - loadStarted >= 0) {
                                    loadStarted = started;
                                    rejectsReports = Set.copyOf(reports);
                                    rejectsMedia = Set.copyOf(media);
                                    snapshot = new Snapshot(
                                            Map.copyOf(map), Set.copyOf(allowed), System.currentTimeMillis());
                                }
                            }
                            return (Void) null;
                        }))
                .onTermination()
                .invoke(() -> loading.set(false));
    }
}
