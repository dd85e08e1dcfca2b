package org.lyceum.block;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lyceum.account.AccountService;
import org.lyceum.account.PersonView;
import org.lyceum.account.Viewer;
import org.lyceum.activity.ActivityLog;
import org.lyceum.activity.Verb;
import org.lyceum.common.DomainException;
import org.lyceum.common.GlobalId;
import org.lyceum.community.CommunityQueries;
import org.lyceum.community.CommunityView;
import org.lyceum.database.Sql;
import org.lyceum.federation.Authority;
import org.lyceum.instance.InstanceConfig;

/**
 * Blocks and mutes of people and communities, and a person's own domain blocks (docs/moderation.md,
 * rows 46-50 of docs/permissions.md). Idempotent as featureObject is: block, mute and
 * blockUserDomain answer true, also when it was so already; their undoing answers whether there
 * was something to undo. A block includes a mute: muting someone blocked keeps the block, blocking
 * someone muted turns the mute into a block. Blocking a person of another server records a BLOCK
 * activity (federated as Block to their server), unblocking them an UNBLOCK (Undo(Block)).
 */
@ApplicationScoped
public class BlockService {

    private final Sql sql;
    private final AccountService accounts;
    private final CommunityQueries communities;
    private final ActivityLog activities;
    private final String base;
    private final String localHost;

    BlockService(
            Sql sql,
            AccountService accounts,
            CommunityQueries communities,
            ActivityLog activities,
            InstanceConfig instance) {
        this.sql = sql;
        this.accounts = accounts;
        this.communities = communities;
        this.activities = activities;
        this.base = instance.baseUrl();
        this.localHost = Authority.of(URI.create(instance.baseUrl()));
    }

    public Uni<Boolean> block(BlockInputs.Target in) {
        return add(in, false);
    }

    public Uni<Boolean> mute(BlockInputs.Target in) {
        return add(in, true);
    }

    public Uni<Boolean> unblock(BlockInputs.Target in) {
        return remove(in, false);
    }

    public Uni<Boolean> unmute(BlockInputs.Target in) {
        return remove(in, true);
    }

    private Uni<Boolean> add(BlockInputs.Target in, boolean mute) {
        GlobalId target = GlobalId.decode("id", in.id(), PersonView.TYPE, CommunityView.TYPE);
        boolean person = target.type().equals(PersonView.TYPE);
        return accounts.requireViewer().chain(v -> {
            UUID me = v.requirePersonId();
            if (target.uuid().equals(me)) {
                throw DomainException.invalid("id", mute ? "you cannot mute yourself" : "you cannot block yourself");
            }
            return sql.transaction(tx -> remote(tx, v, target.uuid(), person).chain(remote -> tx.run(
                            "select 1 from person where id = $1 for update", me)
                    .chain(() -> tx.one(
                            "select count(*) filter (where mute = $2) n, bool_or(blocked_id = $3) present"
                                    + " from person_block where blocker_id = $1",
                            r -> !Boolean.TRUE.equals(r.getBoolean("present")) && r.getLong("n") >= Blocks.MAX_PER_KIND,
                            me,
                            mute,
                            target.uuid()))
                    .chain(full -> {
                        if (full) {
                            throw DomainException.conflict(
                                    "id",
                                    "you have " + (mute ? "muted " : "blocked ") + Blocks.MAX_PER_KIND
                                            + " people and communities already");
                        }
                        return mute ? muteRow(tx, me, target, person) : blockRow(tx, me, target, person, remote);
                    })));
        });
    }

    /** NOT_FOUND for a person or live community that is not there; true for a person of another server. */
    private Uni<Boolean> remote(Sql tx, Viewer v, UUID id, boolean person) {
        if (!person) {
            return communities.standing(tx, v, id).map(s -> {
                if (s.deleted()) {
                    throw DomainException.notFound("community");
                }
                return false;
            });
        }
        return tx.one("select host is not null remote from person where id = $1", r -> r.getBoolean("remote"), id)
                .onItem()
                .ifNull()
                .failWith(() -> DomainException.notFound("person"));
    }

    private static Uni<Boolean> muteRow(Sql tx, UUID me, GlobalId target, boolean person) {
        // A block already hides: it stays as it is.
        return tx.run(
                        "insert into person_block (blocker_id, blocked_id, blocked_type, mute) values ($1, $2, $3, true)"
                                + " on conflict (blocker_id, blocked_id) do nothing",
                        me,
                        target.uuid(),
                        person ? "PERSON" : "COMMUNITY")
                .replaceWith(true);
    }

    private Uni<Boolean> blockRow(Sql tx, UUID me, GlobalId target, boolean person, boolean remote) {
        String apId = remote ? base + "/blocks/" + UUID.randomUUID() : null;
        return tx.run(
                        "insert into person_block (blocker_id, blocked_id, blocked_type, mute, ap_id) values ($1, $2, $3,"
                                + " false, $4) on conflict (blocker_id, blocked_id) do update set mute = false,"
                                + " ap_id = excluded.ap_id, created_at = now() where person_block.mute",
                        me,
                        target.uuid(),
                        person ? "PERSON" : "COMMUNITY",
                        apId)
                .chain(n -> {
                    if (n == 0 || !person) {
                        return Uni.createFrom().item(true);
                    }
                    // A block ends following both ways; the other server ends its side when the Block arrives.
                    return tx.run(
                                    "delete from follow where (follower_id = $1 and person_id = $2)"
                                            + " or (follower_id = $2 and person_id = $1)",
                                    me,
                                    target.uuid())
                            .chain(() -> remote
                                    ? activities.record(tx, Verb.BLOCK, me, null, null, target.uuid(), null)
                                    : Uni.createFrom().voidItem())
                            .replaceWith(true);
                });
    }

    private Uni<Boolean> remove(BlockInputs.Target in, boolean mute) {
        GlobalId target = GlobalId.decode("id", in.id(), PersonView.TYPE, CommunityView.TYPE);
        return accounts.requireViewer()
                .chain(v -> sql.transaction(tx -> tx.one(
                                "delete from person_block where blocker_id = $1 and blocked_id = $2 and mute = $3"
                                        + " returning coalesce(ap_id, '') ap_id",
                                r -> r.getString("ap_id"),
                                v.requirePersonId(),
                                target.uuid(),
                                mute)
                        .chain(apId -> undo(tx, v.requirePersonId(), target.uuid(), apId))));
    }

    /** After a delete: records the UNBLOCK of a federated block, and answers whether there was a row. */
    private Uni<Boolean> undo(Sql tx, UUID me, UUID target, @Nullable String apId) {
        if (apId == null) {
            return Uni.createFrom().item(false);
        }
        if (apId.isEmpty()) {
            return Uni.createFrom().item(true);
        }
        return activities.record(tx, Verb.UNBLOCK, me, null, null, target, apId).replaceWith(true);
    }

    public Uni<Boolean> blockDomain(BlockInputs.Domain in) {
        String domain = UserDomains.normalise(in.domain());
        String host = domain.contains(":") ? domain.substring(0, domain.indexOf(':')) : domain;
        if (domain.equals(localHost) || localHost.equals(host) || localHost.startsWith(host + ":")) {
            throw DomainException.invalid("domain", "this is this instance's own domain");
        }
        return accounts.requireViewer()
                .chain(v -> sql.transaction(tx -> tx.run(
                                "select 1 from person where id = $1 for update", v.requirePersonId())
                        .chain(() -> tx.one(
                                "select count(*) n, bool_or(domain = $2) present from person_domain_block where person_id = $1",
                                r -> !Boolean.TRUE.equals(r.getBoolean("present"))
                                        && r.getLong("n") >= Blocks.MAX_DOMAINS,
                                v.requirePersonId(),
                                domain))
                        .chain(full -> {
                            if (full) {
                                throw DomainException.conflict(
                                        "domain", "you have blocked " + Blocks.MAX_DOMAINS + " domains already");
                            }
                            return tx.run(
                                            "insert into person_domain_block (person_id, domain) values ($1, $2)"
                                                    + " on conflict do nothing",
                                            v.requirePersonId(),
                                            domain)
                                    .replaceWith(true);
                        })));
    }

    public Uni<Boolean> unblockDomain(BlockInputs.Domain in) {
        String domain = UserDomains.normalise(in.domain());
        return accounts.requireViewer().chain(v -> sql.run(
                        "delete from person_domain_block where person_id = $1 and domain = $2",
                        v.requirePersonId(),
                        domain)
                .map(n -> n > 0));
    }

    /**
     * FORBIDDEN when the author of the thread, or of the comment replied to, blocks the replier: a
     * person I blocked cannot reply to my threads or my comments. A mute does not refuse.
     */
    public Uni<Void> requireMayReply(Sql tx, UUID replier, UUID threadId, @Nullable UUID parentAuthor) {
        return tx.one(
                        "select exists(select 1 from person_block bb where bb.blocked_id = $1 and not bb.mute"
                                + " and bb.blocker_id in ((select author_id from content where id = $2), $3)) refused",
                        r -> r.getBoolean("refused"),
                        replier,
                        threadId,
                        parentAuthor)
                .invoke(refused -> {
                    if (Boolean.TRUE.equals(refused)) {
                        throw DomainException.forbidden("you may not reply to this person");
                    }
                })
                .replaceWithVoid();
    }
}
