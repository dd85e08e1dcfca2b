package org.lyceum.moderation;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.lyceum.account.AccountService;
import org.lyceum.account.PersonQueries;
import org.lyceum.account.PersonView;
import org.lyceum.account.Viewer;
import org.lyceum.activity.ActivityLog;
import org.lyceum.activity.Verb;
import org.lyceum.common.Check;
import org.lyceum.common.DomainException;
import org.lyceum.common.GlobalId;
import org.lyceum.community.CommunityQueries;
import org.lyceum.community.CommunityView;
import org.lyceum.community.Permissions;
import org.lyceum.content.CollectionView;
import org.lyceum.content.CommentView;
import org.lyceum.content.ContentQueries;
import org.lyceum.content.ResourceView;
import org.lyceum.content.ThreadView;
import org.lyceum.database.Sql;
import org.lyceum.database.SqlRow;
import org.lyceum.instance.InstanceConfig;
import org.lyceum.notification.Notice;
import org.lyceum.notification.Notifications;
import org.lyceum.notification.ReportNotices;

/**
 * Reports. A report of something another server hosts is also sent there when the reporter asks
 * (a Flag from the instance actor); community bans are {@link BanService}'s.
 */
@ApplicationScoped
public class ModerationService {

    static final int REASON_MAX = org.lyceum.common.Check.REASON_MAX;
    private static final int LIST_MAX = 100;

    private final Sql sql;
    private final AccountService accounts;
    private final ContentQueries content;
    private final CommunityQueries communities;
    private final PersonQueries people;
    private final ActivityLog activities;
    private final InstanceConfig instance;
    private final Notifications notifications;
    private final Modlog modlog;

    ModerationService(
            Modlog modlog,
            Sql sql,
            AccountService accounts,
            ContentQueries content,
            CommunityQueries communities,
            PersonQueries people,
            ActivityLog activities,
            InstanceConfig instance,
            Notifications notifications) {
        this.sql = sql;
        this.accounts = accounts;
        this.content = content;
        this.communities = communities;
        this.people = people;
        this.activities = activities;
        this.instance = instance;
        this.notifications = notifications;
        this.modlog = modlog;
    }

    /** Anyone signed in reports what they can see; the community's moderators (or instance staff) read it. */
    public Uni<ReportView> report(ModerationInputs.Report in) {
        GlobalId target = GlobalId.decode(
                "id",
                in.id(),
                ThreadView.TYPE,
                CommentView.TYPE,
                ResourceView.TYPE,
                CollectionView.TYPE,
                PersonView.TYPE);
        String reason = Check.optional("reason", in.reason(), REASON_MAX);
        UUID id = UUID.randomUUID();
        return accounts.requireViewer().chain(v -> sql.transaction(tx -> {
                    Uni<UUID[]> what = target.type().equals(PersonView.TYPE)
                            ? people.exists(tx, target.uuid()).map(found -> {
                                if (!found) {
                                    throw DomainException.notFound("person");
                                }
                                return new UUID[] {null, null, target.uuid()};
                            })
                            : content.target(tx, v, target.uuid()).map(t -> {
                                if (t.deleted() || !t.type().equals(target.type())) {
                                    throw DomainException.notFound("object");
                                }
                                Permissions.see(t.standing());
                                return new UUID[] {t.communityId(), t.id(), t.authorId()};
                            });
                    return what.chain(w -> tx.run(
                                    "insert into report (id, ap_id, reporter_id, community_id, object_id, person_id, reason)"
                                            + " values ($1, $2, $3, $4, $5, $6, $7)",
                                    id,
                                    instance.baseUrl() + "/reports/" + id,
                                    v.personId(),
                                    w[0],
                                    w[1],
                                    w[2],
                                    reason)
                            .chain(() -> ReportNotices.send(notifications, tx, v.personId(), w, reason, id.toString()))
                            // Only a forwarded report leaves this instance: its reason may say who wrote it.
                            .chain(() -> Boolean.TRUE.equals(in.forward())
                                    ? activities.record(
                                            tx,
                                            Verb.FLAG,
                                            v.requirePersonId(),
                                            w[0],
                                            w[1],
                                            w[2],
                                            instance.baseUrl() + "/reports/" + id)
                                    : Uni.createFrom().voidItem()));
                })
                .chain(() -> view(v, id)));
    }

    /** Open reports of one community (its moderators), or of the whole instance (instance staff). */
    public Uni<List<ReportView>> reports(String communityGlobalId, Integer first) {
        int limit = first == null ? 50 : Math.max(1, Math.min(first, LIST_MAX));
        return accounts.requireViewer().chain(v -> {
            if (communityGlobalId == null) {
                if (!v.instanceStaff()) {
                    throw DomainException.forbidden("only instance admins and moderators see every report");
                }
                return ids("select id from report where resolved_at is null order by created_at desc limit $1", limit)
                        .chain(ids -> views(v, ids));
            }
            UUID communityId = GlobalId.uuid("communityId", communityGlobalId, CommunityView.TYPE);
            return communities.standing(sql, v, communityId).chain(s -> {
                if (!v.instanceStaff()) {
                    Permissions.moderate(v, s);
                }
                return ids(
                                "select id from report where community_id = $2 and resolved_at is null order by created_at desc limit $1",
                                limit,
                                communityId)
                        .chain(ids -> views(v, ids));
            });
        });
    }

    public Uni<ReportView> resolve(ModerationInputs.Resolve in) {
        UUID id = GlobalId.uuid("id", in.id(), "Report");
        return accounts.requireViewer().chain(v -> sql.one(
                        "select community_id from report where id = $1",
                        r -> java.util.Optional.ofNullable(r.getUUID("community_id")),
                        id)
                .chain(found -> {
                    if (found == null) {
                        throw DomainException.notFound("report");
                    }
                    Uni<Void> allowed = v.instanceStaff()
                            ? Uni.createFrom().voidItem()
                            : found.isEmpty()
                                    ? Uni.createFrom()
                                            .failure(DomainException.forbidden(
                                                    "only instance staff resolve reports of people"))
                                    : communities
                                            .standing(sql, v, found.get())
                                            .invoke(s -> Permissions.moderate(v, s))
                                            .replaceWithVoid();
                    // Logged once, when it is first resolved; a report of a person belongs to the instance log.
                    return allowed.chain(() -> sql.transaction(tx -> tx.one(
                                    "update report set resolved_at = now() where id = $1 and resolved_at is null"
                                            + " returning object_id, person_id, community_id",
                                    r -> new ModlogEntry(
                                            ModAction.REPORT_RESOLVED,
                                            v.personId(),
                                            r.getUUID("object_id") != null
                                                    ? Notice.ObjectType.CONTENT
                                                    : r.getUUID("person_id") != null ? Notice.ObjectType.PERSON : null,
                                            r.getUUID("object_id") != null
                                                    ? r.getUUID("object_id")
                                                    : r.getUUID("person_id"),
                                            null,
                                            r.getUUID("person_id"),
                                            r.getUUID("community_id"),
                                            null,
                                            null,
                                            null,
                                            null),
                                    id)
                            .chain(entry -> entry == null ? Uni.createFrom().item(0) : modlog.record(tx, entry))));
                })
                .chain(() -> view(v, id)));
    }

    private Uni<List<UUID>> ids(String query, Object... args) {
        return sql.list(query, r -> r.getUUID("id"), args);
    }

    private Uni<List<ReportView>> views(Viewer v, List<UUID> ids) {
        return Multi.createFrom()
                .iterable(ids)
                .onItem()
                .transformToUniAndConcatenate(id -> view(v, id))
                .collect()
                .asList();
    }

    /** One report with what it names, each as the viewer may see it. */
    private Uni<ReportView> view(Viewer v, UUID id) {
        return sql.one(
                        "select id, reason, created_at, resolved_at, reporter_id, reporter_host, object_id, person_id, community_id"
                                + " from report where id = $1",
                        r -> r,
                        id)
                .chain(r -> {
                    Uni<PersonView> reporter = r.getUUID("reporter_id") == null
                            ? Uni.createFrom().nullItem()
                            : people.byId(v, r.getUUID("reporter_id"));
                    Uni<org.lyceum.content.Content> object = r.getUUID("object_id") == null
                            ? Uni.createFrom().nullItem()
                            : content.byId(v, r.getUUID("object_id"));
                    Uni<PersonView> person = r.getUUID("person_id") == null
                            ? Uni.createFrom().nullItem()
                            : people.byId(v, r.getUUID("person_id"));
                    Uni<CommunityView> community = r.getUUID("community_id") == null
                            ? Uni.createFrom().nullItem()
                            : communities.byId(v, r.getUUID("community_id"));
                    return Uni.combine()
                            .all()
                            .unis(reporter, object, person, community)
                            .asTuple()
                            .map(t -> view(r, t.getItem1(), t.getItem2(), t.getItem3(), t.getItem4()));
                });
    }

    private static ReportView view(
            SqlRow r,
            PersonView reporter,
            org.lyceum.content.Content object,
            PersonView person,
            CommunityView community) {
        UUID id = r.getUUID("id");
        return new ReportView(
                GlobalId.of("Report", id),
                r.getString("reason"),
                r.getOffsetDateTime("created_at"),
                r.getOffsetDateTime("resolved_at"),
                reporter,
                r.getString("reporter_host"),
                object,
                person,
                community,
                id);
    }
}
