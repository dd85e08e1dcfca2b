package org.lyceum.federation.publish;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.lyceum.activity.Verb;
import org.lyceum.database.SqlRow;

/** An activity row waiting to be published, with the actors it names. */
record Pending(
        UUID id,
        String apId,
        Verb verb,
        boolean received,
        OffsetDateTime publishedAt,
        UUID objectId,
        String undoes,
        UUID actorId,
        String actor,
        boolean actorLocal,
        String actorInbox,
        UUID communityId,
        String community,
        boolean communityLocal,
        String communityInbox,
        boolean communityPublic,
        UUID targetId,
        String target,
        boolean targetLocal,
        String targetInbox,
        String traceParent) {

    static final String SELECT =
            "select a.id, a.ap_id, a.verb, a.host is not null received, a.published_at, a.object_id, a.undoes,"
                    + " p.id actor_id, p.ap_id actor, p.host is null actor_local, coalesce(p.shared_inbox, p.inbox) actor_inbox,"
                    + " m.id community_id, m.ap_id community, m.host is null community_local, coalesce(m.shared_inbox, m.inbox) community_inbox,"
                    + " coalesce(m.visibility <> 'PRIVATE', true) community_public,"
                    + " tp.id target_id, tp.ap_id target, tp.host is null target_local, coalesce(tp.shared_inbox, tp.inbox) target_inbox,"
                    + " a.trace_parent"
                    + " from activity a join person p on p.id = a.actor_id left join community m on m.id = a.community_id"
                    + " left join person tp on tp.id = a.target_person_id";

    static Pending from(SqlRow r) {
        return new Pending(
                r.getUUID("id"),
                r.getString("ap_id"),
                Verb.valueOf(r.getString("verb")),
                r.getBoolean("received"),
                r.getOffsetDateTime("published_at"),
                r.getUUID("object_id"),
                r.getString("undoes"),
                r.getUUID("actor_id"),
                r.getString("actor"),
                r.getBoolean("actor_local"),
                r.getString("actor_inbox"),
                r.getUUID("community_id"),
                r.getString("community"),
                Boolean.TRUE.equals(r.getBoolean("community_local")),
                r.getString("community_inbox"),
                r.getBoolean("community_public"),
                r.getUUID("target_id"),
                r.getString("target"),
                Boolean.TRUE.equals(r.getBoolean("target_local")),
                r.getString("target_inbox"),
                r.getString("trace_parent"));
    }

    boolean hasCommunity() {
        return communityId != null;
    }

    String published() {
        return DateTimeFormatter.ISO_INSTANT.format(publishedAt);
    }
}
