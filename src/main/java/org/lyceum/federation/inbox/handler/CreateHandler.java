package org.lyceum.federation.inbox.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.lyceum.activity.ActivityLog;
import org.lyceum.activity.Verb;
import org.lyceum.database.Sql;
import org.lyceum.federation.inbox.Ignored;
import org.lyceum.federation.inbox.Lookup;
import org.lyceum.federation.inbox.Received;
import org.lyceum.federation.protocol.Json;
import org.lyceum.federation.remote.RemoteActors;
import org.lyceum.federation.remote.SignedGet;

/** Create of content: threads, replies, collections and resources, admitted as {@link ContentHandler} says. */
@Singleton
public class CreateHandler extends ContentHandler {

    CreateHandler(Lookup lookup, RemoteActors actors, SignedGet get, ActivityLog activities, ReceivedText received) {
        super(lookup, actors, get, activities, received);
    }

    @Override
    public String type() {
        return "Create";
    }

    @Override
    public Uni<Void> receive(Sql tx, Received r) {
        return create(tx, r, false);
    }

    /**
     * Stores an object that resolve fetched from its own server, as its group would have announced
     * it; {@code fetched} admits it to a remote community nobody here follows (someone asked for it,
     * and the fetch from its origin vouches for it as a signature would).
     */
    public Uni<Void> storeFetched(Sql tx, JsonNode object, String author, String community) {
        ObjectNode activity = JsonNodeFactory.instance.objectNode();
        String id = Json.text(object, "id") + "#fetched";
        activity.put("id", id).put("type", "Create").put("actor", author).set("object", object);
        return create(tx, new Received("resolve", id, author, "Create", activity, community), true);
    }

    private Uni<Void> create(Sql tx, Received r, boolean fetched) {
        JsonNode o = r.object();
        String id = Json.text(o, "id");
        if (ACTORS.contains(Json.type(o))) {
            return Uni.createFrom().voidItem();
        }
        return lookup.content(tx, id)
                .chain(existing -> existing != null
                        ? Uni.createFrom().voidItem()
                        : lookup.requirePerson(tx, Json.id(o.get("attributedTo")))
                                .chain(author -> {
                                    String parent = Json.id(o.get("inReplyTo"));
                                    if (LIBRARY.contains(Json.type(o))) {
                                        return library(tx, r, o, author, fetched);
                                    }
                                    return parent != null
                                            ? reply(tx, r, o, author, parent, fetched)
                                            : thread(tx, r, o, author, fetched);
                                }));
    }

    private Uni<Void> thread(Sql tx, Received r, JsonNode o, UUID author, boolean fetched) {
        return where(tx, r, o, fetched).chain(community -> {
            if (community == null) {
                throw new Ignored("addressed to no community here");
            }
            return admit(tx, r, community, author, false, fetched).chain(() -> {
                UUID threadId = UUID.randomUUID();
                UUID commentId = UUID.randomUUID();
                Body text = Body.orNone(Body.of(o));
                OffsetDateTime at = published(o);
                return tx.run(
                                "insert into content (id, ap_id, kind, host, community_id, author_id, title, created_at, updated_at)"
                                        + " values ($1, $2, 'THREAD', $3, $4, $5, $6, $7, $7) on conflict (ap_id) do nothing",
                                threadId,
                                Json.text(o, "id"),
                                r.host(),
                                community.id(),
                                author,
                                title(o, text.plain()),
                                at)
                        .chain(n -> n == 0
                                ? Uni.createFrom().voidItem()
                                : tx.run(
                                                "insert into content (id, ap_id, kind, host, community_id, author_id, thread_id, body, body_html,"
                                                        + " created_at, updated_at) values ($1, $2, 'COMMENT', $3, $4, $5, $6, $7, $8, $9, $9)",
                                                commentId,
                                                Json.text(o, "id") + "#content",
                                                r.host(),
                                                community.id(),
                                                author,
                                                threadId,
                                                text.content(),
                                                text.html(),
                                                at)
                                        .chain(() -> received.mentioned(
                                                tx, commentId, o, author, threadId, community.id(), !fetched, null))
                                        .chain(() -> logged(tx, r, fetched, author, community.id(), threadId)));
            });
        });
    }

    /** A collection, or a resource in a collection that is already here. */
    private Uni<Void> library(Sql tx, Received r, JsonNode o, UUID author, boolean fetched) {
        boolean collection = "OrderedCollection".equals(Json.type(o));
        String partOf = Json.id(o.get("partOf"));
        return where(tx, r, o, fetched).chain(community -> {
            if (community == null) {
                throw new Ignored("addressed to no community here");
            }
            if (!collection && partOf == null) {
                throw new Ignored("a resource must be part of a collection");
            }
            String url = link(o);
            if (!collection && url == null) {
                throw new Ignored("a resource needs an http(s) link");
            }
            Uni<UUID> within = collection
                    ? Uni.createFrom().nullItem()
                    : lookup.content(tx, partOf).map(c -> {
                        if (c == null) {
                            throw new IllegalStateException("the collection " + partOf + " is not here (yet)");
                        }
                        if (!c.kind().equals("COLLECTION")
                                || c.deleted()
                                || !c.communityId().equals(community.id())) {
                            throw new Ignored("partOf names no live collection of the same community");
                        }
                        return c.id();
                    });
            return admit(tx, r, community, author, false, fetched)
                    .chain(() -> within)
                    .chain(collectionId -> {
                        UUID id = UUID.randomUUID();
                        Body text = Body.of(o);
                        String plain = text == null ? null : text.plain();
                        String content = text == null ? null : text.content();
                        String html = text == null ? null : text.html();
                        Uni<Integer> insert = collection
                                ? tx.run(
                                        "insert into content (id, ap_id, kind, host, community_id, author_id, title, body, created_at, updated_at,"
                                                + " body_html) values ($1, $2, 'COLLECTION', $3, $4, $5, $6, $7, $8, $8, $9)"
                                                + " on conflict (ap_id) do nothing",
                                        id,
                                        Json.text(o, "id"),
                                        r.host(),
                                        community.id(),
                                        author,
                                        title(o, plain),
                                        content,
                                        published(o),
                                        html)
                                : tx.run(
                                        "insert into content (id, ap_id, kind, host, community_id, author_id, collection_id, position, title, body,"
                                                + " url, licence, language, level, subject, resource_type, attribution, created_at, updated_at, body_html)"
                                                + " select $1, $2, 'RESOURCE', $3, $4, $5, $6, coalesce(max(position) + 1, 0), $7, $8, $9, "
                                                + vocab("LICENCE", 10) + ", " + vocab("LANGUAGE", 11)
                                                + ", $12::smallint, "
                                                + vocab("SUBJECT", 13) + ", "
                                                + vocab("RESOURCE_TYPE", 14) + ", $15, $16, $16, $17 from content"
                                                + " where collection_id = $6 and kind = 'RESOURCE' and deleted_at is null on conflict (ap_id) do nothing",
                                        id,
                                        Json.text(o, "id"),
                                        r.host(),
                                        community.id(),
                                        author,
                                        collectionId,
                                        title(o, plain),
                                        content,
                                        url,
                                        code(o, "license"),
                                        code(o, "inLanguage"),
                                        level(o),
                                        code(o, "subject"),
                                        code(o, "learningResourceType"),
                                        cut(Json.text(o, "attribution"), 500),
                                        published(o),
                                        html);
                        return insert.chain(n -> n == 0
                                ? Uni.createFrom().voidItem()
                                : logged(tx, r, fetched, author, community.id(), id));
                    });
        });
    }

    private Uni<Void> reply(Sql tx, Received r, JsonNode o, UUID author, String parentId, boolean fetched) {
        return lookup.content(tx, parentId).chain(parent -> {
            if (parent == null) {
                // Possibly still on its way: retried with backoff, then given up.
                throw new IllegalStateException("the parent " + parentId + " is not here (yet)");
            }
            if (parent.deleted()
                    || !(parent.kind().equals("THREAD") || parent.kind().equals("COMMENT"))) {
                throw new Ignored("replies to something that takes no replies");
            }
            if (parent.locked() && !(r.via() != null && !parent.communityLocal())) {
                // A locked thread takes no replies; another server's group decides who may still reply there.
                throw new Ignored("the thread is locked");
            }
            Lookup.Community community = new Lookup.Community(
                    parent.communityId(), parent.communityApId(), parent.communityLocal(), false, false);
            return admit(tx, r, community, author, true, false).chain(() -> {
                UUID id = UUID.randomUUID();
                UUID threadId = parent.kind().equals("THREAD") ? parent.id() : parent.threadId();
                Body text = Body.orNone(Body.of(o));
                return tx.run(
                                "insert into content (id, ap_id, kind, host, community_id, author_id, thread_id, in_reply_to, body,"
                                        + " body_html, created_at, updated_at) values ($1, $2, 'COMMENT', $3, $4, $5, $6, $7, $8, $9,"
                                        + " $10, $10) on conflict (ap_id) do nothing",
                                id,
                                Json.text(o, "id"),
                                r.host(),
                                parent.communityId(),
                                author,
                                threadId,
                                parent.id(),
                                text.content(),
                                text.html(),
                                published(o))
                        .chain(n -> n == 0
                                ? Uni.createFrom().voidItem()
                                : received.mentioned(
                                                tx,
                                                id,
                                                o,
                                                author,
                                                id,
                                                parent.communityId(),
                                                !fetched,
                                                parent.authorId())
                                        .chain(() -> logged(tx, r, fetched, author, parent.communityId(), id))
                                        .chain(() -> fetched
                                                ? Uni.createFrom().voidItem()
                                                : received.replied(
                                                        tx, author, id, parent.communityId(), parent.authorId())));
            });
        });
    }

    /** The community an object goes to: a fetched one's is the one resolve chose (via), nothing else. */
    private Uni<Lookup.Community> where(Sql tx, Received r, JsonNode o, boolean fetched) {
        return fetched
                ? lookup.community(tx, r.via()).map(c -> c == null || c.deleted() ? null : c)
                : lookup.firstCommunity(tx, addressed(o, r.via()));
    }

    /**
     * The Create in the activity log, which feeds read. A fetched object is not news: it joins its
     * community's lists and threads at its own date, but no feed shows it as just posted.
     */
    private Uni<Void> logged(Sql tx, Received r, boolean fetched, UUID author, UUID community, UUID object) {
        return fetched
                ? Uni.createFrom().voidItem()
                : activities
                        .received(tx, Verb.CREATE, r.id(), r.host(), author, community, object, null)
                        .replaceWithVoid();
    }

    /** Who may add content where (see the class comment). */
    private Uni<Void> admit(
            Sql tx, Received r, Lookup.Community community, UUID author, boolean inKnownThread, boolean fetched) {
        if (community.local()) {
            if (lookup.silenced(r.actor())) {
                throw new Ignored("the actor's domain is silenced here");
            }
            return lookup.inGoodStanding(tx, author, community.id())
                    .invoke(ok -> {
                        if (!ok) {
                            throw new Ignored("only members and accepted followers post in a community");
                        }
                    })
                    .replaceWithVoid();
        }
        if (inKnownThread || fetched) {
            return Uni.createFrom().voidItem();
        }
        if (!community.apId().equals(r.via())) {
            throw new Ignored("content of another server's community comes through its group");
        }
        return lookup.followedHere(tx, community.id())
                .invoke(wanted -> {
                    if (!wanted) {
                        throw new Ignored("nobody here follows " + community.apId());
                    }
                })
                .replaceWithVoid();
    }
}
