package org.lyceum.federation.inbox.handler;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.lyceum.database.Sql;
import org.lyceum.federation.inbox.ActivityHandler;
import org.lyceum.federation.inbox.Ignored;
import org.lyceum.federation.inbox.Lookup;
import org.lyceum.federation.inbox.Received;
import org.lyceum.federation.protocol.Html;
import org.lyceum.federation.protocol.Json;
import org.lyceum.federation.remote.RemoteActors;
import org.lyceum.notification.Notice;
import org.lyceum.notification.NotificationKind;
import org.lyceum.notification.Notifications;

/**
 * A community of another server banned someone of ours: a Block by its group, or by one of its
 * moderators with the group as {@code target} (as Lemmy sends it; the signer is on the group's
 * server, which vouches for its moderators). Their membership and follow of it end here too, and
 * the ban is recorded. A person of another server blocking someone of ours (no target, the actor a
 * person) ends the follows between the two here, as Mastodon does, and records nothing else: what
 * they block is theirs to hide.
 */
@ApplicationScoped
public class BlockHandler implements ActivityHandler {

    private final Lookup lookup;
    private final RemoteActors actors;

    private final Notifications notifications;

    BlockHandler(Lookup lookup, RemoteActors actors, Notifications notifications) {
        this.lookup = lookup;
        this.actors = actors;
        this.notifications = notifications;
    }

    @Override
    public String type() {
        return "Block";
    }

    @Override
    public Uni<Received> verify(Received r) {
        if (!lookup.local(r.objectId())) {
            throw new Ignored("blocks no one of this instance");
        }
        String target = org.lyceum.federation.protocol.Json.id(r.json().get("target"));
        String groupId = target != null ? target : r.actor();
        if (r.via() != null && !groupId.equals(r.via())) {
            throw new Ignored("a group announces bans of its own community only");
        }
        if (!groupId.equals(r.actor())
                && !java.util.Objects.equals(org.lyceum.federation.inbox.Origin.hostOf(groupId), r.host())) {
            throw new Ignored("a ban in a community is sent from that community's server");
        }
        return actors.byId(groupId, false).map(group -> {
            if (!group.group()) {
                if (target == null && r.via() == null) {
                    return r;
                }
                throw new Ignored("only a community's bans are applied");
            }
            return new Received(r.inbox(), r.id(), groupId, r.type(), r.json(), r.via());
        });
    }

    @Override
    public Uni<Void> receive(Sql tx, Received r) {
        return lookup.community(tx, r.actor())
                .chain(community -> community == null ? personBlock(tx, r) : ban(tx, r, community));
    }

    /** A remote person blocks one of ours: neither follows the other any longer. */
    private Uni<Void> personBlock(Sql tx, Received r) {
        return lookup.requirePerson(tx, r.actor())
                .chain(blocker -> lookup.requirePerson(tx, r.objectId())
                        .chain(blocked -> tx.run(
                                "delete from follow where (follower_id = $1 and person_id = $2)"
                                        + " or (follower_id = $2 and person_id = $1)",
                                blocker,
                                blocked)))
                .replaceWithVoid();
    }

    private Uni<Void> ban(Sql tx, Received r, Lookup.Community community) {
        return lookup.requirePerson(tx, r.objectId()).chain(person -> {
            String reason = Html.toText(
                    Json.text(r.json(), "summary") != null
                            ? Json.text(r.json(), "summary")
                            : Json.text(r.json(), "content"));
            String cut = reason == null || reason.length() <= 1000 ? reason : reason.substring(0, 1000);
            // Told before the membership goes, while a member still sees a private community.
            return notifications
                    .to(tx, Notice.aboutCommunity(NotificationKind.BANNED, null, community.id(), cut, r.id()), person)
                    .chain(() -> tx.run(
                            "delete from membership where community_id = $1 and person_id = $2",
                            community.id(),
                            person))
                    .chain(() -> tx.run(
                            "delete from follow where community_id = $1 and follower_id = $2", community.id(), person))
                    .chain(() -> tx.run(
                            "insert into community_ban (community_id, person_id, reason, ap_id) values ($1, $2, $3, $4)"
                                    + " on conflict (community_id, person_id) do update set ap_id = excluded.ap_id, reason = excluded.reason",
                            community.id(),
                            person,
                            cut,
                            r.id()))
                    .replaceWithVoid();
        });
    }
}
