package org.lyceum.federation.inbox;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lyceum.community.CommunityQueries;
import org.lyceum.database.Sql;
import org.lyceum.instance.InstanceConfig;

/** Rows the handlers look up by ActivityPub id. */
@ApplicationScoped
public class Lookup {

    public record Community(UUID id, String apId, boolean local, boolean approves, boolean deleted) {}

    public record Content(
            UUID id,
            String kind,
            UUID communityId,
            String communityApId,
            boolean communityLocal,
            UUID authorId,
            String authorApId,
            UUID threadId,
            boolean deleted,
            // Removed by a moderator (deleted too); its thread (or, for a thread, itself) is locked.
            boolean removed,
            boolean locked,
            @Nullable String title) {}

    private final String base;
    private final org.lyceum.federation.policy.DomainPolicy policy;

    Lookup(InstanceConfig instance, org.lyceum.federation.policy.DomainPolicy policy) {
        this.base = instance.baseUrl() + "/";
        this.policy = policy;
    }

    /** Whether the actor's domain is silenced: its people may not post or react in this instance's communities. */
    public boolean silenced(String apId) {
        return !local(apId)
                && policy.of(Origin.hostOf(apId)) != org.lyceum.federation.policy.DomainPolicy.Decision.ALLOW;
    }

    public boolean local(@Nullable String apId) {
        return apId != null && apId.startsWith(base);
    }

    public Uni<UUID> person(Sql on, @Nullable String apId) {
        return on.one("select id from person where ap_id = $1", r -> r.getUUID("id"), apId);
    }

    /** The person of an actor that verify() made sure is stored. */
    public Uni<UUID> requirePerson(Sql on, @Nullable String apId) {
        return person(on, apId).onItem().ifNull().failWith(() -> new Ignored("unknown person " + apId));
    }

    public Uni<Community> community(Sql on, @Nullable String apId) {
        return on.one(
                "select id, ap_id, host is null as local, visibility = 'PRIVATE' as approves, deleted_at is not null as deleted"
                        + " from community where ap_id = $1",
                r -> new Community(
                        r.getUUID("id"),
                        r.getString("ap_id"),
                        r.getBoolean("local"),
                        r.getBoolean("approves"),
                        r.getBoolean("deleted")),
                apId);
    }

    /** The first live community among these ids, this instance's own first. */
    public Uni<Community> firstCommunity(Sql on, java.util.List<String> apIds) {
        return on.one(
                "select id, ap_id, host is null as local, visibility = 'PRIVATE' as approves, deleted_at is not null as deleted"
                        + " from community where ap_id = any($1) and deleted_at is null order by host is null desc limit 1",
                r -> new Community(
                        r.getUUID("id"),
                        r.getString("ap_id"),
                        r.getBoolean("local"),
                        r.getBoolean("approves"),
                        r.getBoolean("deleted")),
                (Object) apIds.toArray(String[]::new));
    }

    public Uni<Content> content(Sql on, @Nullable String apId) {
        return on.one(
                "select c.id, c.kind, c.community_id, m.ap_id m_ap_id, m.host is null m_local, c.author_id, p.ap_id p_ap_id,"
                        + " c.thread_id, c.deleted_at is not null deleted, c.removed_at is not null removed,"
                        + " coalesce(t.locked_at, c.locked_at) is not null locked, coalesce(c.title, left(c.body, 200)) title"
                        + " from content c join community m on m.id = c.community_id"
                        + " join person p on p.id = c.author_id left join content t on t.id = c.thread_id where c.ap_id = $1",
                r -> new Content(
                        r.getUUID("id"),
                        r.getString("kind"),
                        r.getUUID("community_id"),
                        r.getString("m_ap_id"),
                        r.getBoolean("m_local"),
                        r.getUUID("author_id"),
                        r.getString("p_ap_id"),
                        r.getUUID("thread_id"),
                        r.getBoolean("deleted"),
                        r.getBoolean("removed"),
                        r.getBoolean("locked"),
                        r.getString("title")),
                apId);
    }

    /** Whether someone of this instance has joined or follows a (remote) community: only then are its announces wanted. */
    public Uni<Boolean> followedHere(Sql on, UUID communityId) {
        return on.one(
                "select exists(select 1 from membership m join person p on p.id = m.person_id where m.community_id = $1"
                        + " and p.host is null) or exists(select 1 from follow f join person p on p.id = f.follower_id"
                        + " where f.community_id = $1 and p.host is null) as ok",
                r -> r.getBoolean("ok"),
                communityId);
    }

    /** Whether a person may post in a community: a joined member, or an accepted follower, and not banned from it. */
    public Uni<Boolean> inGoodStanding(Sql on, UUID personId, UUID communityId) {
        return on.one(
                "select (exists(select 1 from membership where community_id = $2 and person_id = $1 and state = 'JOINED')"
                        + " or exists(select 1 from follow where community_id = $2 and follower_id = $1 and state = 'ACCEPTED'))"
                        + " and not exists(select 1 from community_ban where community_id = $2 and person_id = $1 and "
                        + CommunityQueries.BAN_IN_FORCE + ") as ok",
                r -> r.getBoolean("ok"),
                personId,
                communityId);
    }
}
