package org.lyceum.account.deletion;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.lyceum.database.Sql;
import org.lyceum.federation.delivery.Outbox;
import org.lyceum.federation.protocol.ActivityDocument;
import org.lyceum.federation.protocol.Json;
import org.lyceum.instance.InstanceConfig;
import org.lyceum.observability.Telemetry;

/**
 * The Delete of a person, signed with their key, to every server that knows them: their
 * followers' and the people they follow, the communities they joined, followed or wrote in
 * elsewhere, and the remote members and followers of the communities here they joined or wrote
 * in (those servers hold copies of what they wrote). Worked out and queued in the deletion's
 * transaction, before the ties it reads are cut. {@code removeData} is Lemmy's flag for "and
 * their content"; Mastodon deletes an account's posts with it anyway.
 */
@ApplicationScoped
class Farewell {

    /** Communities the person is tied to: joined, asked to join, followed, or wrote in. */
    private static final String COMMUNITIES = "(select community_id from membership where person_id = $1"
            + " union select community_id from follow where follower_id = $1 and community_id is not null"
            + " union select community_id from content where author_id = $1)";

    private static final String INBOXES = "select distinct coalesce(p.shared_inbox, p.inbox) inbox from person p"
            + " where p.host is not null and coalesce(p.shared_inbox, p.inbox) is not null and p.id in ("
            + "select follower_id from follow where person_id = $1"
            + " union select person_id from follow where follower_id = $1 and person_id is not null"
            + " union select f.follower_id from follow f join community m on m.id = f.community_id"
            + " where m.host is null and f.community_id in " + COMMUNITIES
            + " union select s.person_id from membership s join community m on m.id = s.community_id"
            + " where m.host is null and s.state = 'JOINED' and s.community_id in " + COMMUNITIES + ")"
            + " union select distinct coalesce(m.shared_inbox, m.inbox) from community m where m.host is not null"
            + " and coalesce(m.shared_inbox, m.inbox) is not null and m.id in " + COMMUNITIES;

    private final Outbox outbox;
    private final ObjectMapper json;
    private final String base;

    Farewell(Outbox outbox, ObjectMapper json, InstanceConfig instance) {
        this.outbox = outbox;
        this.json = json;
        this.base = instance.baseUrl();
    }

    /** Queues the Delete; the number of inboxes it goes to. */
    Uni<Integer> send(Sql tx, UUID person, String apId, boolean removeData) {
        return tx.list(INBOXES, r -> r.getString("inbox"), person).chain(inboxes -> {
            if (inboxes.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            String id = base + "/activities/" + UUID.randomUUID();
            return outbox.enqueue(
                    tx,
                    id,
                    apId,
                    body(id, apId, removeData),
                    inboxes.stream().map(URI::create).toList(),
                    Telemetry.currentTraceparent());
        });
    }

    private String body(String id, String apId, boolean removeData) {
        Map<String, Object> delete = new LinkedHashMap<>();
        delete.put("@context", ActivityDocument.CONTEXT);
        delete.put("id", id);
        delete.put("type", "Delete");
        delete.put("actor", apId);
        delete.put("object", apId);
        delete.put("to", List.of(Json.PUBLIC));
        delete.put("removeData", removeData);
        try {
            return json.writeValueAsString(delete);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a Delete of plain strings did not serialise", e);
        }
    }
}
