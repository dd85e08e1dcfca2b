package org.lyceum.federation.inbox.handler;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.List;
import org.lyceum.database.Sql;
import org.lyceum.federation.inbox.ActivityHandler;
import org.lyceum.federation.inbox.Ignored;
import org.lyceum.federation.inbox.Lookup;
import org.lyceum.federation.inbox.Received;
import org.lyceum.federation.protocol.Json;
import org.lyceum.notification.Notice;
import org.lyceum.notification.NotificationKind;
import org.lyceum.notification.Notifications;

/**
 * Accept or Reject of a Follow this instance sent: the join or follow it asked for becomes real
 * or goes away. Only the followed actor can answer; the Follow is found by its id, or, for peers
 * that embed a copy without it, by who followed whom.
 */
public abstract class FollowAnswerHandler implements ActivityHandler {

    final Lookup lookup;
    final Notifications notifications;

    FollowAnswerHandler(Lookup lookup, Notifications notifications) {
        this.lookup = lookup;
        this.notifications = notifications;
    }

    @Override
    public Uni<Received> verify(Received r) {
        JsonNode follow = Json.embedded(r.json(), "object");
        String follower = follow == null ? null : Json.id(follow.get("actor"));
        if (!lookup.local(r.objectId()) && !lookup.local(follower)) {
            throw new Ignored("answers a Follow this instance did not send");
        }
        return Uni.createFrom().item(r);
    }

    /** The membership or follow rows the answer is about, by Follow id, else by follower and followed. */
    static String match(String table, String target) {
        return " from " + table + " x join person p on p.id = x."
                + (table.equals("membership") ? "person_id" : "follower_id")
                + " join " + target + " t on t.id = x." + (target.equals("community") ? "community_id" : "person_id")
                + " where t.ap_id = $1 and p.host is null and (x.ap_id = $2 or p.ap_id = $3)";
    }

    Uni<Integer> apply(Sql tx, Received r, boolean accept) {
        JsonNode follow = Json.embedded(r.json(), "object");
        String follower = follow == null ? "" : String.valueOf(Json.id(follow.get("actor")));
        String followId = r.objectId();
        // o is the row before the update: only a request that was pending is news to its person.
        Uni<Integer> memberships = tx.list(
                        accept
                                ? "update membership m set state = 'JOINED' from membership o where o.community_id = m.community_id"
                                        + " and o.person_id = m.person_id and (m.community_id, m.person_id) in (select x.community_id,"
                                        + " x.person_id" + match("membership", "community") + ")"
                                        + " returning m.community_id, m.person_id, o.state = 'PENDING' news"
                                : "delete from membership m where m.role <> 'OWNER' and (m.community_id, m.person_id) in (select x.community_id, x.person_id"
                                        + match("membership", "community")
                                        + ") returning m.community_id, m.person_id, m.state = 'PENDING' news",
                        row -> row,
                        r.actor(),
                        followId,
                        follower)
                .call(rows -> Multi.createFrom()
                        .iterable(rows)
                        .filter(row -> Boolean.TRUE.equals(row.getBoolean("news")))
                        .onItem()
                        .transformToUniAndConcatenate(row -> notifications.to(
                                tx,
                                Notice.aboutCommunity(
                                        NotificationKind.JOIN_DECIDED,
                                        null,
                                        row.getUUID("community_id"),
                                        accept ? "approved" : "rejected",
                                        r.id()),
                                row.getUUID("person_id")))
                        .collect()
                        .last())
                .map(List::size);
        return memberships
                .chain(n -> tx.run(
                                accept
                                        ? "update follow f set state = 'ACCEPTED' where f.id in (select x.id"
                                                + match("follow", "community") + " union all select x.id"
                                                + match("follow", "person") + ")"
                                        : "delete from follow f where f.id in (select x.id"
                                                + match("follow", "community") + " union all select x.id"
                                                + match("follow", "person") + ")",
                                r.actor(),
                                followId,
                                follower)
                        .map(m -> m + n))
                .invoke(total -> {
                    if (total == 0) {
                        throw new Ignored("no Follow of " + r.actor() + " matches");
                    }
                });
    }

    @jakarta.inject.Singleton
    public static class Accept extends FollowAnswerHandler {
        Accept(Lookup lookup, Notifications notifications) {
            super(lookup, notifications);
        }

        @Override
        public String type() {
            return "Accept";
        }

        @Override
        public Uni<Void> receive(Sql tx, Received r) {
            return apply(tx, r, true).replaceWithVoid();
        }
    }

    @jakarta.inject.Singleton
    public static class Reject extends FollowAnswerHandler {
        Reject(Lookup lookup, Notifications notifications) {
            super(lookup, notifications);
        }

        @Override
        public String type() {
            return "Reject";
        }

        @Override
        public Uni<Void> receive(Sql tx, Received r) {
            return apply(tx, r, false).replaceWithVoid();
        }
    }
}
