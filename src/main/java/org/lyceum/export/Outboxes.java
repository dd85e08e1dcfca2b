package org.lyceum.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.lyceum.database.Sql;
import org.lyceum.federation.protocol.ActivityDocument;
import org.lyceum.federation.publish.ContentDocuments;

/**
 * A person's outbox as an ActivityStreams OrderedCollection of Create activities, one per object
 * they posted here that is still there, as other servers received them (Mastodon's and Lemmy's
 * exports carry one too, so the archive can be read by tools made for theirs).
 */
@ApplicationScoped
class Outboxes {

    private static final int BATCH = 200;

    private final Sql sql;
    private final ContentDocuments documents;
    private final ObjectMapper json;

    Outboxes(Sql sql, ContentDocuments documents, ObjectMapper json) {
        this.sql = sql;
        this.documents = documents;
        this.json = json;
    }

    /** The Create activities of what the person posted, in the order posted. */
    Uni<List<Object>> items(UUID personId) {
        List<Object> items = new ArrayList<>();
        return sql.list(
                        "select c.id from content c where c.author_id = $1 and c.host is null and c.deleted_at is null"
                                + " and not (c.kind = 'COMMENT' and c.in_reply_to is null) order by c.created_at, c.id",
                        r -> r.getUUID("id"),
                        personId)
                .chain(ids -> Multi.createFrom()
                        .range(0, (ids.size() + BATCH - 1) / BATCH)
                        .onItem()
                        .transformToUniAndConcatenate(i -> documents
                                .byIds(ids.subList(i * BATCH, Math.min(ids.size(), (i + 1) * BATCH)))
                                .invoke(found -> found.stream()
                                        .filter(f -> f.document() != null)
                                        .forEach(f -> items.add(create(f.document())))))
                        .collect()
                        .last())
                .map(ignored -> items);
    }

    private static ActivityDocument create(org.lyceum.federation.protocol.ObjectDocument object) {
        return ActivityDocument.of(
                        object.id() + "#create",
                        "Create",
                        object.attributedTo(),
                        object,
                        object.to(),
                        object.cc(),
                        object.audience(),
                        object.published())
                .embedded();
    }

    /** The outbox as JSON; CPU work, for the worker thread that writes the archive. */
    String write(List<Object> items) {
        Map<String, Object> outbox = new LinkedHashMap<>();
        outbox.put("@context", ActivityDocument.CONTEXT);
        outbox.put("type", "OrderedCollection");
        outbox.put("totalItems", items.size());
        outbox.put("orderedItems", items);
        try {
            return json.writeValueAsString(outbox);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an outbox of our own documents did not serialise", e);
        }
    }
}
