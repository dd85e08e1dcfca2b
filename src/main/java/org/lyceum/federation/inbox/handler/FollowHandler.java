package org.lyceum.federation.inbox.handler;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.lyceum.activity.ActivityLog;
import org.lyceum.activity.Verb;
import org.lyceum.community.CommunityQueries;
import org.lyceum.database.Sql;
import org.lyceum.federation.inbox.ActivityHandler;
import org.lyceum.federation.inbox.Ignored;
import org.lyceum.federation.inbox.Lookup;
import org.lyceum.federation.inbox.Received;
import org.lyceum.federation.remote.RemoteActors;
import org.lyceum.notification.Notice;
import org.lyceum.notification.NotificationKind;
import org.lyceum.notification.Notifications;

/**
 * Follow of a local community (a remote person joins it: at once when public, as a join request
 * when private) or of a local person. The Accept goes out through the activity recorded here
 * (JOIN, FOLLOW), so an approval later takes the same path. A repeated Follow is accepted again.
 */
@ApplicationScoped
public class FollowHandler implements ActivityHandler {

    private final Lookup lookup;
    private final RemoteActors actors;
    private final ActivityLog activities;
    private final Notifications notifications;

    FollowHandler(Lookup lookup, RemoteActors actors, ActivityLog activities, Notifications notifications) {
        this.lookup = lookup;
        this.actors = actors;
        this.activities = activities;
        this.notifications = notifications;
    }

    @Override
    public String type() {
        return "Follow";
    }

    @Override
    public Uni<Received> verify(Received r) {
        if (!lookup.local(r.objectId())) {
            throw new Ignored("follows only actors of this instance");
        }
        return actors.byId(r.actor(), false).replaceWith(r);
    }

    @Override
    public Uni<Void> receive(Sql tx, Received r) {
        return lookup.requirePerson(tx, r.actor())
                .chain(follower -> lookup.community(tx, r.objectId()).chain(community -> {
                    if (community != null) {
                        if (community.deleted()) {
                            throw new Ignored("the community was deleted");
                        }
                        // The community's row lock orders this against a ban being written (which holds it for update).
                        return tx.run("select 1 from community where id = $1 for share", community.id())
                                .chain(() -> tx.one(
                                        "select 1 from community_ban where community_id = $1 and person_id = $2 and "
                                                + CommunityQueries.BAN_IN_FORCE,
                                        b -> true,
                                        community.id(),
                                        follower))
                                .chain(banned -> banned != null
                                        // Answered with a Reject, sent from the activity recorded here.
                                        ? activities.record(
                                                tx, Verb.REJECT, follower, community.id(), null, null, r.id())
                                        : tx.one(
                                                        "insert into membership (community_id, person_id, role, state, ap_id) values ($1, $2, 'MEMBER', $3, $4)"
                                                                + " on conflict (community_id, person_id) do update set ap_id = excluded.ap_id"
                                                                // xmax is 0 for a row this statement inserted: a
                                                                // repeated request notifies nobody (a repeated
                                                                // Follow of a member is still accepted again).
                                                                + " returning case when xmax <> 0 and state = 'PENDING' then 'REPEATED'"
                                                                + " else state end state",
                                                        r2 -> r2.getString("state"),
                                                        community.id(),
                                                        follower,
                                                        community.approves() ? "PENDING" : "JOINED",
                                                        r.id())
                                                .chain(state -> "REPEATED".equals(state)
                                                        ? Uni.createFrom().voidItem()
                                                        : "JOINED".equals(state)
                                                                ? activities
                                                                        .received(
                                                                                tx,
                                                                                Verb.JOIN,
                                                                                r.id(),
                                                                                r.host(),
                                                                                follower,
                                                                                community.id(),
                                                                                null,
                                                                                null)
                                                                        .replaceWithVoid()
                                                                : notifications
                                                                        .toModerators(
                                                                                tx,
                                                                                Notice.aboutCommunity(
                                                                                        NotificationKind.JOIN_REQUEST,
                                                                                        follower,
                                                                                        community.id(),
                                                                                        null,
                                                                                        r.id()))
                                                                        .replaceWithVoid()));
                    }
                    return lookup.person(tx, r.objectId()).chain(person -> {
                        if (person == null) {
                            throw new Ignored("no such actor here");
                        }
                        return tx.one(
                                        "insert into follow (id, ap_id, follower_id, person_id, state) values ($1, $2, $3, $4, 'ACCEPTED')"
                                                + " on conflict (follower_id, person_id) where person_id is not null do update set ap_id = excluded.ap_id"
                                                + " returning xmax = 0 inserted",
                                        row -> row.getBoolean("inserted"),
                                        UUID.randomUUID(),
                                        r.id(),
                                        follower,
                                        person)
                                .chain(inserted -> activities
                                        .received(tx, Verb.FOLLOW, r.id(), r.host(), follower, null, null, null)
                                        .chain(() -> Boolean.TRUE.equals(inserted)
                                                ? notifications.to(tx, Notice.newFollower(follower, person), person)
                                                : Uni.createFrom().item(0)))
                                .replaceWithVoid();
                    });
                }));
    }
}
