package org.lyceum.federation.inbox.handler;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.lyceum.database.Sql;
import org.lyceum.federation.inbox.ActivityHandler;
import org.lyceum.federation.inbox.Ignored;
import org.lyceum.federation.inbox.Lookup;
import org.lyceum.federation.inbox.Received;
import org.lyceum.federation.policy.DomainPolicy;
import org.lyceum.federation.protocol.Html;
import org.lyceum.federation.protocol.Json;
import org.lyceum.federation.remote.RemoteActors;
import org.lyceum.notification.Notifications;
import org.lyceum.notification.ReportNotices;

/**
 * A report from another server (usually signed by its instance actor) about content or people
 * here: kept as a report for the community's moderators, or for instance staff when it names
 * only a person. Domains blocked with reject_reports are not heard.
 */
@ApplicationScoped
public class FlagHandler implements ActivityHandler {

    private final Lookup lookup;
    private final RemoteActors actors;
    private final DomainPolicy policy;

    private final Notifications notifications;

    FlagHandler(Lookup lookup, RemoteActors actors, DomainPolicy policy, Notifications notifications) {
        this.lookup = lookup;
        this.actors = actors;
        this.policy = policy;
        this.notifications = notifications;
    }

    @Override
    public String type() {
        return "Flag";
    }

    @Override
    public Uni<Received> verify(Received r) {
        if (!policy.takesReportsFrom(r.host())) {
            throw new Ignored("reports from " + r.host() + " are rejected");
        }
        return actors.byId(r.actor(), false).replaceWith(r);
    }

    @Override
    public Uni<Void> receive(Sql tx, Received r) {
        List<String> named = Json.ids(r.object()).stream().limit(20).toList();
        String reason = Html.toText(
                Json.text(r.json(), "content") != null
                        ? Json.text(r.json(), "content")
                        : Json.text(r.json(), "summary"));
        String cut = reason == null || reason.length() <= 1000 ? reason : reason.substring(0, 1000);
        return lookup.requirePerson(tx, r.actor()).chain(reporter -> Multi.createFrom()
                .iterable(named)
                .onItem()
                .transformToUniAndConcatenate(id -> lookup.content(tx, id)
                        .chain(c -> c != null
                                ? Uni.createFrom().item(new UUID[] {c.communityId(), c.id(), c.authorId()})
                                : lookup.person(tx, id).map(p -> p == null ? null : new UUID[] {null, null, p})))
                .filter(java.util.Objects::nonNull)
                .collect()
                .asList()
                .chain(found -> {
                    if (found.isEmpty()) {
                        throw new Ignored("reports nothing that is here");
                    }
                    // Content first: its community decides who reads the report.
                    UUID[] content =
                            found.stream().filter(f -> f[1] != null).findFirst().orElse(null);
                    UUID[] person =
                            found.stream().filter(f -> f[1] == null).findFirst().orElse(null);
                    UUID community = content == null ? null : content[0];
                    UUID object = content == null ? null : content[1];
                    UUID reported = person != null
                            ? person[2]
                            : Objects.requireNonNull(content, "found is not empty: what is not a person is content")[2];
                    return tx.run(
                                    "insert into report (id, ap_id, reporter_id, reporter_host, community_id, object_id, person_id, reason)"
                                            + " values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict (ap_id) do nothing",
                                    UUID.randomUUID(),
                                    r.id(),
                                    reporter,
                                    r.host(),
                                    community,
                                    object,
                                    reported,
                                    cut)
                            .chain(n -> n == 0
                                    ? Uni.createFrom().voidItem()
                                    : ReportNotices.send(
                                            notifications,
                                            tx,
                                            reporter,
                                            new UUID[] {community, object, reported},
                                            cut,
                                            r.id()));
                }));
    }
}
