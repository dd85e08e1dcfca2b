package org.lyceum.community;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.regex.Pattern;
import org.lyceum.account.AccountService;
import org.lyceum.account.Viewer;
import org.lyceum.activity.ActivityLog;
import org.lyceum.activity.Verb;
import org.lyceum.common.Check;
import org.lyceum.common.Conflicts;
import org.lyceum.common.DomainException;
import org.lyceum.common.ErrorCode;
import org.lyceum.common.GlobalId;
import org.lyceum.common.Time;
import org.lyceum.database.Sql;
import org.lyceum.instance.InstanceConfig;
import org.lyceum.media.MediaRows;
import org.lyceum.text.Texts;

/** Creating and running communities: settings, membership, join requests, roles, ownership. */
@ApplicationScoped
public class CommunityService {

    static final int TITLE_MAX = 100;
    private static final Pattern NAME = Pattern.compile("[a-z0-9_]{3,40}");

    private final Sql sql;
    private final AccountService accounts;
    private final CommunityQueries queries;
    private final ActivityLog activities;
    private final InstanceConfig instance;
    private final MediaRows media;
    private final Texts texts;

    CommunityService(
            Sql sql,
            AccountService accounts,
            CommunityQueries queries,
            ActivityLog activities,
            InstanceConfig instance,
            MediaRows media,
            Texts texts) {
        this.media = media;
        this.texts = texts;
        this.sql = sql;
        this.accounts = accounts;
        this.queries = queries;
        this.activities = activities;
        this.instance = instance;
    }

    public Uni<CommunityView> create(CommunityInputs.Create in) {
        return accounts.requireViewer().chain(viewer -> {
            String name = in.name() == null ? "" : in.name().strip();
            if (!NAME.matcher(name).matches()) {
                throw DomainException.invalid("name", "use 3 to 40 characters: lower-case letters a-z, digits and _");
            }
            String title = Check.required("title", in.title(), TITLE_MAX);
            String summary = Check.optional("summary", in.summary(), Check.SUMMARY_MAX);
            String icon = Check.url("iconUrl", in.iconUrl());
            Visibility visibility = in.visibility() == null ? Visibility.PUBLIC : in.visibility();
            UUID id = UUID.randomUUID();
            if (in.iconUrl() != null && in.iconId() != null) {
                throw new DomainException(ErrorCode.INVALID_INPUT, "give either iconUrl or iconId, not both");
            }
            UUID me = viewer.requirePersonId();
            return sql.transaction(tx -> media.attachImages(tx, in.iconId(), in.bannerId(), me)
                            .chain(images -> tx.run(
                                    "insert into community (id, ap_id, name, title, summary, icon_url, visibility,"
                                            + " created_at, updated_at, icon_id, banner_id, summary_html)"
                                            + " values ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9, $10, $11)",
                                    id,
                                    instance.baseUrl() + "/communities/" + id,
                                    name,
                                    title,
                                    summary,
                                    icon,
                                    visibility.name(),
                                    Time.now(),
                                    images.iconId(),
                                    images.bannerId(),
                                    texts.html(summary)))
                            .chain(() -> tx.run(
                                    "insert into membership (community_id, person_id, role, state) values ($1, $2, 'OWNER', 'JOINED')",
                                    id,
                                    viewer.personId()))
                            .chain(() -> activities.record(tx, Verb.CREATE, viewer.requirePersonId(), id, null)))
                    .onFailure()
                    .transform(
                            t -> Conflicts.asConflict(t, "name", "a community with this name exists on this instance"))
                    .chain(() -> queries.byId(viewer, id));
        });
    }

    public Uni<CommunityView> update(CommunityInputs.Update in) {
        return withStanding(in.id(), (viewer, tx, standing) -> {
            Permissions.moderate(viewer, standing);
            String title = in.title() == null ? null : Check.required("title", in.title(), TITLE_MAX);
            String summary = Check.optional("summary", in.summary(), Check.SUMMARY_MAX);
            String icon = Check.url("iconUrl", in.iconUrl());
            if (in.iconUrl() != null && in.iconId() != null) {
                throw new DomainException(ErrorCode.INVALID_INPUT, "give either iconUrl or iconId, not both");
            }
            UUID me = viewer.requirePersonId();
            return media.attachImages(tx, in.iconId(), in.bannerId(), me)
                    .chain(images -> tx.run(
                            "update community set title = coalesce($2, title),"
                                    + " summary = case when $3 then $4 else summary end,"
                                    + " summary_html = case when $3 then $13 else summary_html end,"
                                    // An uploaded icon replaces a linked one, and the other way round.
                                    + " icon_url = case when $5 then $6 when $9 then null else icon_url end,"
                                    + " icon_id = case when $9 then $10 when $5 then null else icon_id end,"
                                    + " banner_id = case when $11 then $12 else banner_id end,"
                                    + " visibility = coalesce($7, visibility), updated_at = $8 where id = $1",
                            standing.communityId(),
                            title,
                            in.summary() != null,
                            summary,
                            in.iconUrl() != null,
                            icon,
                            in.visibility() == null ? null : in.visibility().name(),
                            Time.now(),
                            in.iconId() != null,
                            images.iconId(),
                            in.bannerId() != null,
                            images.bannerId(),
                            texts.html(summary)))
                    .chain(() ->
                            activities.record(tx, Verb.UPDATE, viewer.requirePersonId(), standing.communityId(), null));
        });
    }

    /**
     * Members of public and unlisted communities join at once; private ones get a join request.
     * Joining a community of another server is a request until that server accepts the Follow
     * that federation sends for it.
     */
    public Uni<CommunityView> join(CommunityInputs.Target in) {
        return withStanding(in.id(), (viewer, tx, standing) -> {
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
                            : Uni.createFrom().voidItem());
        });
    }

    /** Leaving also withdraws a join request. The owner must hand the community over first. */
    public Uni<CommunityView> leave(CommunityInputs.Target in) {
        return withStanding(in.id(), (viewer, tx, standing) -> {
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
        return memberChange(in.communityId(), personId, (viewer, tx, standing) -> {
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
                        return in.approve()
                                ? activities.record(tx, Verb.JOIN, personId, standing.communityId(), null)
                                : follow == null
                                        ? Uni.createFrom().voidItem()
                                        : activities.record(
                                                tx, Verb.REJECT, personId, standing.communityId(), null, null, follow);
                    });
        });
    }

    public Uni<CommunityPayloads.OfMember> setRole(CommunityInputs.SetRole in) {
        UUID personId = GlobalId.uuid("personId", in.personId(), "Person");
        if (in.role() == CommunityRole.OWNER) {
            throw DomainException.invalid("role", "use transferCommunity to make someone the owner");
        }
        return memberChange(in.communityId(), personId, (viewer, tx, standing) -> {
            Permissions.manageRoles(viewer, standing);
            return tx.run(
                            "update membership set role = $3 where community_id = $1 and person_id = $2 and state = 'JOINED'"
                                    + " and role <> 'OWNER'",
                            standing.communityId(),
                            personId,
                            in.role().name())
                    .invoke(changed -> {
                        if (changed == 0) {
                            throw DomainException.invalid(
                                    "personId", "not a member whose role can change (the owner's changes by transfer)");
                        }
                    })
                    .replaceWithVoid();
        });
    }

    public Uni<CommunityView> transfer(CommunityInputs.Transfer in) {
        UUID personId = GlobalId.uuid("personId", in.personId(), "Person");
        return withStanding(in.communityId(), (viewer, tx, standing) -> {
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
                                .chain(() -> activities.record(
                                        tx, Verb.UPDATE, viewer.requirePersonId(), standing.communityId(), null));
                    });
        });
    }

    /** Soft-deletes the community; its content disappears with it. */
    public Uni<Void> delete(Viewer viewer, UUID communityId) {
        return sql.transaction(tx -> queries.standing(tx, viewer, communityId).chain(standing -> {
            Permissions.own(viewer, standing);
            return tx.run("update community set deleted_at = $2 where id = $1", communityId, Time.now())
                    .chain(() -> activities.record(tx, Verb.DELETE, viewer.requirePersonId(), communityId, null));
        }));
    }

    @FunctionalInterface
    interface Change {
        Uni<Void> apply(Viewer viewer, Sql tx, Standing standing);
    }

    /** Runs a change of one community in a transaction, then reads the community as the caller now sees it. */
    private Uni<CommunityView> withStanding(String globalId, Change change) {
        UUID id = GlobalId.uuid("id", globalId, CommunityView.TYPE);
        return accounts.requireViewer().chain(viewer -> sql.transaction(
                        tx -> lockedStanding(tx, viewer, id).chain(standing -> change.apply(viewer, tx, standing)))
                .chain(() -> queries.byId(viewer, id))
                .onItem()
                .ifNull()
                .failWith(() -> DomainException.notFound("community")));
    }

    private Uni<CommunityPayloads.OfMember> memberChange(String communityGlobalId, UUID personId, Change change) {
        UUID id = GlobalId.uuid("communityId", communityGlobalId, CommunityView.TYPE);
        return accounts.requireViewer().chain(viewer -> sql.transaction(
                        tx -> lockedStanding(tx, viewer, id).chain(standing -> change.apply(viewer, tx, standing)))
                .chain(() -> queries.byId(viewer, id))
                .chain(community ->
                        queries.member(viewer, id, personId).map(m -> new CommunityPayloads.OfMember(community, m))));
    }

    /** Membership changes of one community are serialised by locking its row. */
    private Uni<Standing> lockedStanding(Sql tx, Viewer viewer, UUID id) {
        return tx.run("select 1 from community where id = $1 for update", id)
                .chain(() -> queries.standing(tx, viewer, id));
    }
}
