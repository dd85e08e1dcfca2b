package org.lyceum.moderation;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.lyceum.account.AccountService;
import org.lyceum.account.PersonQueries;
import org.lyceum.account.PersonView;
import org.lyceum.activity.ActivityLog;
import org.lyceum.activity.Verb;
import org.lyceum.common.Check;
import org.lyceum.common.DomainException;
import org.lyceum.common.GlobalId;
import org.lyceum.community.CommunityQueries;
import org.lyceum.community.CommunityRole;
import org.lyceum.community.CommunityView;
import org.lyceum.community.Permissions;
import org.lyceum.database.Sql;
import org.lyceum.instance.InstanceConfig;
import org.lyceum.notification.Notice;
import org.lyceum.notification.NotificationKind;
import org.lyceum.notification.Notifications;

/** Community bans: moderators ban members and outsiders; a ban of someone of another server federates as a Block. */
@ApplicationScoped
public class BanService {

    private final Sql sql;
    private final AccountService accounts;
    private final CommunityQueries communities;
    private final PersonQueries people;
    private final ActivityLog activities;
    private final InstanceConfig instance;
    private final Notifications notifications;
    private final Modlog modlog;

    BanService(
            Modlog modlog,
            Sql sql,
            AccountService accounts,
            CommunityQueries communities,
            PersonQueries people,
            ActivityLog activities,
            InstanceConfig instance,
            Notifications notifications) {
        this.sql = sql;
        this.accounts = accounts;
        this.communities = communities;
        this.people = people;
        this.activities = activities;
        this.instance = instance;
        this.notifications = notifications;
        this.modlog = modlog;
    }

    /** Moderators ban members and outsiders; only the owner bans a moderator; nobody bans the owner. */
    public Uni<CommunityView> ban(ModerationInputs.Ban in) {
        UUID communityId = GlobalId.uuid("communityId", in.communityId(), CommunityView.TYPE);
        UUID personId = GlobalId.uuid("personId", in.personId(), PersonView.TYPE);
        String reason = Check.optional("reason", in.reason(), ModerationService.REASON_MAX);
        java.time.Instant until = in.until() == null ? null : in.until().toInstant();
        if (until != null && !until.isAfter(java.time.Instant.now())) {
            throw DomainException.invalid("until", "must be in the future");
        }
        return accounts.requireViewer().chain(v -> sql.transaction(tx -> tx.run(
                                "select 1 from community where id = $1 for update", communityId)
                        .chain(() -> communities.standing(tx, v, communityId))
                        .chain(s -> {
                            Permissions.moderate(v, s);
                            if (personId.equals(v.personId())) {
                                throw DomainException.invalid("personId", "you cannot ban yourself");
                            }
                            return tx.one(
                                            "select role from membership where community_id = $1 and person_id = $2",
                                            r -> r.getString("role"),
                                            communityId,
                                            personId)
                                    .chain(role -> {
                                        if (CommunityRole.OWNER.name().equals(role)) {
                                            throw DomainException.forbidden("the owner cannot be banned");
                                        }
                                        if (CommunityRole.MODERATOR.name().equals(role) && !s.owner()) {
                                            throw DomainException.forbidden("only the owner bans a moderator");
                                        }
                                        return people.exists(tx, personId);
                                    });
                        })
                        .chain(exists -> {
                            if (!exists) {
                                throw DomainException.notFound("person");
                            }
                            // Told before the membership goes, while a member still sees a private community.
                            return notifications
                                    .to(
                                            tx,
                                            Notice.aboutCommunity(
                                                    NotificationKind.BANNED,
                                                    v.personId(),
                                                    communityId,
                                                    reason,
                                                    UUID.randomUUID().toString()),
                                            personId)
                                    .chain(() -> tx.run(
                                            "delete from membership where community_id = $1 and person_id = $2",
                                            communityId,
                                            personId))
                                    .chain(() -> tx.run(
                                            "delete from follow where community_id = $1 and follower_id = $2",
                                            communityId,
                                            personId))
                                    .chain(() -> tx.run(
                                            "insert into community_ban (community_id, person_id, reason, ap_id, expires_at)"
                                                    + " values ($1, $2, $3, $4, $5) on conflict (community_id, person_id)"
                                                    + " do update set reason = excluded.reason, expires_at = excluded.expires_at",
                                            communityId,
                                            personId,
                                            reason,
                                            instance.baseUrl() + "/bans/" + UUID.randomUUID(),
                                            until == null
                                                    ? null
                                                    : java.time.OffsetDateTime.ofInstant(
                                                            until, java.time.ZoneOffset.UTC)))
                                    .chain(() -> modlog.record(
                                            tx,
                                            ModlogEntry.onPerson(
                                                    ModAction.BAN, v.personId(), personId, communityId, reason, until)))
                                    .chain(() -> activities.record(
                                            tx, Verb.BLOCK, v.requirePersonId(), communityId, null, personId, null));
                        }))
                .chain(() -> communities.byId(v, communityId)));
    }

    public Uni<CommunityView> unban(ModerationInputs.Unban in) {
        UUID communityId = GlobalId.uuid("communityId", in.communityId(), CommunityView.TYPE);
        UUID personId = GlobalId.uuid("personId", in.personId(), PersonView.TYPE);
        return accounts.requireViewer().chain(v -> sql.transaction(tx -> communities
                        .standing(tx, v, communityId)
                        .chain(s -> {
                            Permissions.moderate(v, s);
                            return tx.one(
                                    "delete from community_ban where community_id = $1 and person_id = $2 returning ap_id",
                                    r -> java.util.Optional.ofNullable(r.getString("ap_id")),
                                    communityId,
                                    personId);
                        })
                        .chain(ban -> ban == null
                                ? Uni.createFrom().voidItem()
                                : modlog.record(
                                                tx,
                                                ModlogEntry.onPerson(
                                                        ModAction.UNBAN,
                                                        v.personId(),
                                                        personId,
                                                        communityId,
                                                        null,
                                                        null))
                                        .chain(() -> activities.record(
                                                tx,
                                                Verb.UNBLOCK,
                                                v.requirePersonId(),
                                                communityId,
                                                null,
                                                personId,
                                                ban.orElse(null)))))
                .chain(() -> communities.byId(v, communityId)));
    }
}
