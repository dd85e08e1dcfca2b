package org.lyceum.community;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lyceum.account.Viewer;
import org.lyceum.activity.ActivityLog;
import org.lyceum.activity.Verb;
import org.lyceum.common.DomainException;
import org.lyceum.common.GlobalId;
import org.lyceum.instance.InstanceConfig;
import org.lyceum.moderation.ModAction;
import org.lyceum.moderation.Modlog;
import org.lyceum.moderation.ModlogEntry;
import org.lyceum.notification.Notice;
import org.lyceum.notification.NotificationKind;
import org.lyceum.notification.Notifications;

/** Membership of communities: joining, leaving, join requests, roles, ownership. */
@ApplicationScoped
public class MembershipService {

    private final CommunityChanges changes;
    private final CommunityQueries queries;
    private final ActivityLog activities;
    private final InstanceConfig instance;
    private final Notifications notifications;
    private final Modlog modlog;

    MembershipService(
            Modlog modlog,
            CommunityChanges changes,
            CommunityQueries queries,
            ActivityLog activities,
            InstanceConfig instance,
            Notifications notifications) {
        this.changes = changes;
        this.queries = queries;
        this.activities = activities;
        this.instance = instance;
        this.notifications = notifications;
        this.modlog = modlog;
    }

    /**
     * Members of public and unlisted communities join at once; private ones get a join request.
     * Joining a community of another server is a request until that server accepts the Follow
     * that federation sends for it.
     */
    public Uni<CommunityView> join(CommunityInputs.Target in) {
        return changes.withStanding(in.id(), (viewer, tx, standing) -> {
            if (standing.deleted()) {
                throw DomainException.notFound("community");
            }
            if (standing.state() != null) {
                return Uni.createFrom().voidItem();
            }
            boolean direct = standing.visibility() != Visibility.PRIVATE && !standing.remote();
            String follow = standing.remote() ? instance.baseUrl() + "/follows/" + UUID.randomUUID() : null;
            return queries.requireNotBanned(tx, standing.communityId(), viewer.requirePersonId())
                    .chain(() -> tx.run(
                            "insert into membership (community_id, person_id, role, state, ap_id) values ($1, $2, 'MEMBER', $3, $4)"
                                    + " on conflict do nothing",
                            standing.communityId(),
                            viewer.personId(),
                            (direct ? MembershipState.JOINED : MembershipState.PENDING).name(),
                            follow))
                    .chain(() -> direct || standing.remote()
                            ? activities.record(tx, Verb.JOIN, viewer.requirePersonId(), standing.communityId(), null)
                            : notifications
                                    .toModerators(
                                            tx,
                                            membershipNotice(NotificationKind.JOIN_REQUEST, viewer, standing, null)
                                                    // Once per person and community: leaving and asking again in a
                                                    // loop does not notify the moderators each time.
                                                    .causedBy(
                                                            "join:" + standing.communityId() + ":" + viewer.personId()))
                                    .replaceWithVoid());
        });
    }

    /** Leaving also withdraws a join request. The owner must hand the community over first. */
    public Uni<CommunityView> leave(CommunityInputs.Target in) {
        return changes.withStanding(in.id(), (viewer, tx, standing) -> {
            if (standing.state() == null) {
                return Uni.createFrom().voidItem();
            }
            if (standing.role() == CommunityRole.OWNER) {
                throw new DomainException(
                        org.lyceum.common.ErrorCode.CONFLICT,
                        "the owner cannot leave; transfer the community to another member first");
            }
            return tx.one(
                            "delete from membership where community_id = $1 and person_id = $2 returning ap_id",
                            r -> r.getString("ap_id"),
                            standing.communityId(),
                            viewer.personId())
                    .chain(follow -> standing.joined() || standing.remote()
                            ? activities.record(
                                    tx,
                                    Verb.LEAVE,
                                    viewer.requirePersonId(),
                                    standing.communityId(),
                                    null,
                                    null,
                                    follow)
                            : Uni.createFrom().voidItem());
        });
    }

    public Uni<CommunityPayloads.OfMember> decide(CommunityInputs.Decide in) {
        UUID personId = GlobalId.uuid("personId", in.personId(), "Person");
        return changes.memberChange(in.communityId(), personId, (viewer, tx, standing) -> {
            Permissions.moderate(viewer, standing);
            String change = in.approve()
                    ? "update membership set state = 'JOINED' where community_id = $1 and person_id = $2 and state = 'PENDING' returning ap_id"
                    : "delete from membership where community_id = $1 and person_id = $2 and state = 'PENDING' returning ap_id";
            // The Follow of a remote person is answered with Accept or Reject, which federation sends.
            return tx.list(
                            change,
                            r -> java.util.Optional.ofNullable(r.getString("ap_id")),
                            standing.communityId(),
                            personId)
                    .chain(changed -> {
                        if (changed.isEmpty()) {
                            throw DomainException.notFound("join request");
                        }
                        String follow = changed.get(0).orElse(null);
                        Notice decided = membershipNotice(
                                NotificationKind.JOIN_DECIDED,
                                viewer,
                                standing,
                                in.approve() ? "approved" : "rejected");
                        return notifications
                                .to(tx, decided, personId)
                                .chain(() -> in.approve()
                                        ? activities.record(tx, Verb.JOIN, personId, standing.communityId(), null)
                                        : follow == null
                                                ? Uni.createFrom().voidItem()
                                                : activities.record(
                                                        tx,
                                                        Verb.REJECT,
                                                        personId,
                                                        standing.communityId(),
                                                        null,
                                                        null,
                                                        follow));
                    });
        });
    }

    public Uni<CommunityPayloads.OfMember> setRole(CommunityInputs.SetRole in) {
        UUID personId = GlobalId.uuid("personId", in.personId(), "Person");
        if (in.role() == CommunityRole.OWNER) {
            throw DomainException.invalid("role", "use transferCommunity to make someone the owner");
        }
        return changes.memberChange(in.communityId(), personId, (viewer, tx, standing) -> {
            Permissions.manageRoles(viewer, standing);
            // o is the row before the update: setting the role a member already has tells them nothing.
            return tx.list(
                            "update membership m set role = $3 from membership o where o.community_id = m.community_id"
                                    + " and o.person_id = m.person_id and m.community_id = $1 and m.person_id = $2"
                                    + " and m.state = 'JOINED' and m.role <> 'OWNER' returning o.role <> $3 changed",
                            r -> Boolean.TRUE.equals(r.getBoolean("changed")),
                            standing.communityId(),
                            personId,
                            in.role().name())
                    .invoke(changed -> {
                        if (changed.isEmpty()) {
                            throw DomainException.invalid(
                                    "personId", "not a member whose role can change (the owner's changes by transfer)");
                        }
                    })
                    .chain(changed -> !changed.get(0)
                            ? Uni.createFrom().item(0)
                            : notifications
                                    .to(
                                            tx,
                                            membershipNotice(
                                                    NotificationKind.ROLE_CHANGED,
                                                    viewer,
                                                    standing,
                                                    in.role().name()),
                                            personId)
                                    .chain(() -> logRole(
                                            tx,
                                            viewer,
                                            standing,
                                            personId,
                                            in.role().name())))
                    .replaceWithVoid();
        });
    }

    public Uni<CommunityView> transfer(CommunityInputs.Transfer in) {
        UUID personId = GlobalId.uuid("personId", in.personId(), "Person");
        return changes.withStanding(in.communityId(), (viewer, tx, standing) -> {
            Permissions.own(viewer, standing);
            return tx.one(
                            "select role, state from membership where community_id = $1 and person_id = $2",
                            r -> r.getString("state") + ":" + r.getString("role"),
                            standing.communityId(),
                            personId)
                    .chain(found -> {
                        if (found == null || !found.startsWith("JOINED")) {
                            throw DomainException.invalid("personId", "the new owner must be a member");
                        }
                        if (found.endsWith("OWNER")) {
                            return Uni.createFrom().voidItem();
                        }
                        return tx.run(
                                        "update membership set role = 'MODERATOR' where community_id = $1 and role = 'OWNER'",
                                        standing.communityId())
                                .chain(() -> tx.run(
                                        "update membership set role = 'OWNER' where community_id = $1 and person_id = $2",
                                        standing.communityId(),
                                        personId))
                                .chain(() -> notifications.to(
                                        tx,
                                        membershipNotice(NotificationKind.ROLE_CHANGED, viewer, standing, "OWNER"),
                                        personId))
                                .chain(() -> logRole(tx, viewer, standing, personId, "OWNER"))
                                .chain(() -> activities.record(
                                        tx, Verb.UPDATE, viewer.requirePersonId(), standing.communityId(), null));
                    });
        });
    }

    /** A role change in the community's modlog; the reason is the new role. */
    private Uni<Integer> logRole(
            org.lyceum.database.Sql tx, Viewer viewer, Standing standing, UUID personId, String role) {
        return modlog.record(
                tx,
                ModlogEntry.onPerson(
                        ModAction.ROLE_CHANGE, viewer.personId(), personId, standing.communityId(), role, null));
    }

    /** About the community; each change is its own cause, so a second request notifies again. */
    private static Notice membershipNotice(
            NotificationKind kind, Viewer viewer, Standing standing, @Nullable String reason) {
        return Notice.aboutCommunity(
                kind,
                viewer.personId(),
                standing.communityId(),
                reason,
                UUID.randomUUID().toString());
    }
}
