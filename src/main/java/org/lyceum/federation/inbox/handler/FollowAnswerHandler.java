package org.lyceum.federation.inbox.handler;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import org.lyceum.database.Sql;
import org.lyceum.federation.inbox.ActivityHandler;
import org.lyceum.federation.inbox.Ignored;
import org.lyceum.federation.inbox.Lookup;
import org.lyceum.federation.inbox.Received;
import org.lyceum.federation.protocol.Json;

/**
 * Accept or Reject of a Follow this instance sent: the join or follow it asked for becomes real
 * or goes away. Only the followed actor can answer; the Follow is found by its id, or, for peers
 * that embed a copy without it, by who followed whom.
 */
public abstract class FollowAnswerHandler implements ActivityHandler {

    final Lookup lookup;

    FollowAnswerHandler(Lookup lookup) {
        this.lookup = lookup;
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
        Uni<Integer> memberships = tx.run(
                accept
                        ? "update membership m set state = 'JOINED' where (m.community_id, m.person_id) in (select x.community_id, x.person_id"
                                + match("membership", "community") + ")"
                        : "delete from membership m where m.role <> 'OWNER' and (m.community_id, m.person_id) in (select x.community_id, x.person_id"
                                + match("membership", "community") + ")",
                r.actor(),
                followId,
                follower);
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
        Accept(Lookup lookup) {
            super(lookup);
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
        Reject(Lookup lookup) {
            super(lookup);
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
