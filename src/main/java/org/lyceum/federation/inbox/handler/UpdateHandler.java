package org.lyceum.federation.inbox.handler;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.time.OffsetDateTime;
import org.lyceum.activity.ActivityLog;
import org.lyceum.activity.Verb;
import org.lyceum.common.Time;
import org.lyceum.database.Sql;
import org.lyceum.federation.inbox.Ignored;
import org.lyceum.federation.inbox.Lookup;
import org.lyceum.federation.inbox.Received;
import org.lyceum.federation.protocol.Json;
import org.lyceum.federation.remote.RemoteActors;
import org.lyceum.federation.remote.SignedGet;

/** Update of content by its author (when newer than what is here), or of an actor (fetched again). */
@Singleton
public class UpdateHandler extends ContentHandler {

    UpdateHandler(Lookup lookup, RemoteActors actors, SignedGet get, ActivityLog activities, ReceivedText received) {
        super(lookup, actors, get, activities, received);
    }

    @Override
    public String type() {
        return "Update";
    }

    @Override
    public Uni<Void> receive(Sql tx, Received r) {
        JsonNode o = r.object();
        if (ACTORS.contains(Json.type(o))) {
            return Uni.createFrom().voidItem();
        }
        return lookup.content(tx, Json.text(o, "id")).chain(c -> {
            if (c == null) {
                // Possibly an Update that overtook its Create: retried with backoff, then given up.
                throw new IllegalStateException("updates " + Json.text(o, "id") + ", which is not here (yet)");
            }
            if (c.deleted()) {
                throw new Ignored("updates something deleted");
            }
            if (!c.authorApId().equals(Json.id(o.get("attributedTo")))) {
                throw new Ignored("only the author edits");
            }
            Uni<Boolean> allowed = !c.communityLocal()
                    ? Uni.createFrom().item(true)
                    : lookup.silenced(r.actor())
                            ? Uni.createFrom().item(false)
                            : lookup.inGoodStanding(tx, c.authorId(), c.communityId());
            Body text = Body.of(o);
            String plain = text == null ? null : text.plain();
            String content = text == null ? null : text.content();
            String html = text == null ? null : text.html();
            // An edit older than the version here (a late or repeated Update) changes nothing; one without a time
            // counts as now.
            OffsetDateTime at = o.has("updated") ? time(o, "updated") : Time.now();
            return allowed.chain(ok -> {
                        if (!ok) {
                            throw new Ignored("only members in good standing edit in a community");
                        }
                        if (c.kind().equals("RESOURCE") || c.kind().equals("COLLECTION")) {
                            String url = link(o);
                            return tx.run(
                                    "update content set title = $2, body = $3, body_html = $12, url = coalesce($4, url), licence = "
                                            + vocab("LICENCE", 5)
                                            + ", language = " + vocab("LANGUAGE", 6)
                                            + ", level = $7::smallint, subject = " + vocab("SUBJECT", 8)
                                            + ", resource_type = " + vocab("RESOURCE_TYPE", 9) + ", attribution = $10"
                                            + ", updated_at = $11 where id = $1 and updated_at < $11",
                                    c.id(),
                                    title(o, plain),
                                    content,
                                    c.kind().equals("RESOURCE") ? url : null,
                                    code(o, "license"),
                                    code(o, "inLanguage"),
                                    level(o),
                                    code(o, "subject"),
                                    code(o, "learningResourceType"),
                                    cut(Json.text(o, "attribution"), 500),
                                    at,
                                    html);
                        }
                        return tx.run(
                                "update content set title = case when kind = 'THREAD' then $2 else title end, updated_at = $3"
                                        + " where id = $1 and updated_at < $3",
                                c.id(),
                                title(o, plain),
                                at);
                    })
                    .chain(changed -> changed == 0
                            ? Uni.createFrom().voidItem()
                            : (c.kind().equals("RESOURCE") || c.kind().equals("COLLECTION")
                                            ? Uni.createFrom().voidItem()
                                            : (c.kind().equals("THREAD")
                                                            ? tx.one(
                                                                    "update content set body = coalesce($2, body), body_html = case when $2::text is null"
                                                                            + " then body_html else $4 end, updated_at = $3 where id = (select id"
                                                                            + " from content where thread_id = $1 and kind = 'COMMENT' and in_reply_to is null"
                                                                            + " order by created_at limit 1) returning id",
                                                                    row -> row.getUUID("id"),
                                                                    c.id(),
                                                                    content,
                                                                    at,
                                                                    html)
                                                            : tx.one(
                                                                    "update content set body = coalesce($2, body), body_html = case when $2::text is null"
                                                                            + " then body_html else $3 end where id = $1 returning id",
                                                                    row -> row.getUUID("id"),
                                                                    c.id(),
                                                                    content,
                                                                    html))
                                                    .chain(commentId -> commentId == null
                                                            ? Uni.createFrom().voidItem()
                                                            : received.mentioned(
                                                                    tx,
                                                                    commentId,
                                                                    o,
                                                                    c.authorId(),
                                                                    c.id(),
                                                                    c.communityId(),
                                                                    true,
                                                                    null)))
                                    .chain(() -> activities.received(
                                            tx,
                                            Verb.UPDATE,
                                            r.id(),
                                            r.host(),
                                            c.authorId(),
                                            c.communityId(),
                                            c.id(),
                                            null))
                                    .replaceWithVoid());
        });
    }
}
