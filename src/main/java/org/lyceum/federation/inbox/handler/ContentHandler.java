package org.lyceum.federation.inbox.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.lyceum.activity.ActivityLog;
import org.lyceum.activity.Verb;
import org.lyceum.common.Check;
import org.lyceum.common.Time;
import org.lyceum.database.Sql;
import org.lyceum.federation.inbox.ActivityHandler;
import org.lyceum.federation.inbox.Ignored;
import org.lyceum.federation.inbox.Lookup;
import org.lyceum.federation.inbox.Received;
import org.lyceum.federation.protocol.Html;
import org.lyceum.federation.protocol.Json;
import org.lyceum.federation.remote.RemoteActors;
import org.lyceum.federation.remote.SignedGet;

/**
 * Create and Update of discussion content: a Page (or Article) is a thread, a Note a reply (a
 * Note that replies to nothing starts a thread, as Mastodon users post to groups). Content in a
 * community of this instance is taken only from members and accepted followers; content in
 * another server's community only as its group announced it, or as a reply in a thread that is
 * already here. Remote HTML is kept as plain text.
 */
public abstract class ContentHandler implements ActivityHandler {

    static final Set<String> THREADS = Set.of("Page", "Article");
    /** Lyceum's resources and collections (see ObjectDocument); other servers' Documents are taken as resources too. */
    static final Set<String> LIBRARY = Set.of("Document", "OrderedCollection");
    /** Resource metadata is kept only where it is a code of its vocabulary (V3); anything else is dropped. */
    static String vocab(String vocabulary, int param) {
        return "(select code from vocabulary_term where vocabulary = '" + vocabulary + "' and code = $" + param + ")";
    }
    static final Set<String> ACTORS = Set.of("Person", "Group", "Service", "Application", "Organization");

    final Lookup lookup;
    final RemoteActors actors;
    final SignedGet get;
    final ActivityLog activities;

    ContentHandler(Lookup lookup, RemoteActors actors, SignedGet get, ActivityLog activities) {
        this.lookup = lookup;
        this.actors = actors;
        this.get = get;
        this.activities = activities;
    }

    @Override
    public Uni<Received> verify(Received r) {
        JsonNode object = Json.embedded(r.json(), "object");
        String id = r.objectId();
        if (id == null) {
            throw new Ignored("names no object");
        }
        Uni<JsonNode> had = object != null && object.has("type") ? Uni.createFrom().item(object)
                : get.fetch(uri(id)).map(doc -> {
                    if (!id.equals(Json.text(doc.json(), "id"))) {
                        throw new Ignored("the object fetched from " + id + " has another id");
                    }
                    return doc.json();
                });
        return had.chain(o -> {
            String type = Json.type(o);
            if (ACTORS.contains(type)) {
                // An actor's profile changed: fetch it again rather than trusting the copy.
                return lookup.local(id) ? Uni.createFrom().item(r) : actors.byId(id, true).replaceWith(r);
            }
            if (!THREADS.contains(type) && !LIBRARY.contains(type) && !"Note".equals(type)) {
                throw new Ignored("does not take " + type + " objects");
            }
            String author = Json.id(o.get("attributedTo"));
            if (author == null || !author.equals(r.actor())) {
                throw new Ignored("the object is not attributed to the activity's actor");
            }
            ObjectNode json = r.json().deepCopy();
            json.set("object", o);
            Received ready = new Received(r.inbox(), r.id(), r.actor(), r.type(), json, r.via());
            return lookup.local(author) ? Uni.createFrom().item(ready) : actors.byId(author, false).replaceWith(ready);
        });
    }

    /** The communities an object may be addressed to (at most 20 ids are looked at). */
    static List<String> addressed(JsonNode o, String via) {
        List<String> out = new ArrayList<>();
        if (via != null) {
            out.add(via);
        }
        out.addAll(Json.ids(o.get("audience")));
        out.addAll(Json.ids(o.get("to")));
        out.addAll(Json.ids(o.get("cc")));
        out.remove(Json.PUBLIC);
        return out.stream().distinct().limit(20).toList();
    }

    static String title(JsonNode o, String text) {
        String name = Json.text(o, "name");
        String t = name != null && !name.isBlank() ? Html.toText(name) : text == null ? "" : text.lines().findFirst().orElse("");
        t = t.strip();
        if (t.isEmpty()) {
            t = "(untitled)";
        }
        return t.length() > 100 ? t.substring(0, 100) : t;
    }

    /** The link of a resource: its url, or its first attachment's href; http(s) only. */
    static String link(JsonNode o) {
        String url = Json.text(o, "url");
        if (url == null) {
            JsonNode attachment = Json.embedded(o, "attachment");
            url = attachment == null ? null : Json.text(attachment, "href");
        }
        return url != null && url.length() <= Check.URL_MAX && (url.startsWith("https://") || url.startsWith("http://")) ? url : null;
    }

    static Integer level(JsonNode o) {
        String l = Json.text(o, "educationalLevel");
        if (l == null || !l.matches("ISCED-[0-8]")) {
            return null;
        }
        return Integer.parseInt(l.substring(6));
    }

    static String code(JsonNode o, String field) {
        String v = Json.text(o, field);
        return v == null || v.length() > 64 ? null : v;
    }

    static String body(JsonNode o) {
        String text = Html.toText(Json.text(o, "content"));
        return text == null || text.length() <= Check.BODY_MAX ? text : text.substring(0, Check.BODY_MAX);
    }

    /** When the object says it was published (or updated), never later than now: a future date would pin it atop feeds. */
    static OffsetDateTime published(JsonNode o) {
        return time(o, "published");
    }

    static OffsetDateTime time(JsonNode o, String field) {
        OffsetDateTime now = Time.now();
        try {
            String p = Json.text(o, field);
            OffsetDateTime t = p == null ? now : OffsetDateTime.parse(p);
            return t.isAfter(now) ? now : t;
        } catch (DateTimeParseException e) {
            return now;
        }
    }

    static java.net.URI uri(String id) {
        try {
            java.net.URI u = java.net.URI.create(id);
            if (u.getHost() == null) {
                throw new Ignored("not a URL: " + id);
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw new Ignored("not a URL: " + id);
        }
    }

    @jakarta.inject.Singleton
    public static class Create extends ContentHandler {

        Create(Lookup lookup, RemoteActors actors, SignedGet get, ActivityLog activities) {
            super(lookup, actors, get, activities);
        }

        @Override
        public String type() {
            return "Create";
        }

        @Override
        public Uni<Void> receive(Sql tx, Received r) {
            JsonNode o = r.object();
            String id = Json.text(o, "id");
            if (ACTORS.contains(Json.type(o))) {
                return Uni.createFrom().voidItem();
            }
            return lookup.content(tx, id).chain(existing -> existing != null ? Uni.createFrom().voidItem()
                    : lookup.requirePerson(tx, Json.id(o.get("attributedTo"))).chain(author -> {
                        String parent = Json.id(o.get("inReplyTo"));
                        if (LIBRARY.contains(Json.type(o))) {
                            return library(tx, r, o, author);
                        }
                        return parent != null ? reply(tx, r, o, author, parent) : thread(tx, r, o, author);
                    }));
        }

        private Uni<Void> thread(Sql tx, Received r, JsonNode o, UUID author) {
            return lookup.firstCommunity(tx, addressed(o, r.via())).chain(community -> {
                if (community == null) {
                    throw new Ignored("addressed to no community here");
                }
                return admit(tx, r, community, author, false).chain(() -> {
                    UUID threadId = UUID.randomUUID();
                    String text = body(o);
                    OffsetDateTime at = published(o);
                    return tx.run("insert into content (id, ap_id, kind, host, community_id, author_id, title, created_at, updated_at)"
                                            + " values ($1, $2, 'THREAD', $3, $4, $5, $6, $7, $7) on conflict (ap_id) do nothing",
                                    threadId, Json.text(o, "id"), r.host(), community.id(), author, title(o, text), at)
                            .chain(n -> n == 0 ? Uni.createFrom().voidItem()
                                    : tx.run("insert into content (id, ap_id, kind, host, community_id, author_id, thread_id, body, created_at,"
                                                    + " updated_at) values ($1, $2, 'COMMENT', $3, $4, $5, $6, $7, $8, $8)",
                                            UUID.randomUUID(), Json.text(o, "id") + "#content", r.host(), community.id(), author, threadId,
                                            text == null || text.isBlank() ? "(no text)" : text, at)
                                    .chain(() -> activities.received(tx, Verb.CREATE, r.id(), r.host(), author, community.id(), threadId, null))
                                    .replaceWithVoid());
                });
            });
        }

        /** A collection, or a resource in a collection that is already here. */
        private Uni<Void> library(Sql tx, Received r, JsonNode o, UUID author) {
            boolean collection = "OrderedCollection".equals(Json.type(o));
            String partOf = Json.id(o.get("partOf"));
            return lookup.firstCommunity(tx, addressed(o, r.via())).chain(community -> {
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
                Uni<UUID> within = collection ? Uni.createFrom().nullItem() : lookup.content(tx, partOf).map(c -> {
                    if (c == null) {
                        throw new IllegalStateException("the collection " + partOf + " is not here (yet)");
                    }
                    if (!c.kind().equals("COLLECTION") || c.deleted() || !c.communityId().equals(community.id())) {
                        throw new Ignored("partOf names no live collection of the same community");
                    }
                    return c.id();
                });
                return admit(tx, r, community, author, false).chain(() -> within).chain(collectionId -> {
                    UUID id = UUID.randomUUID();
                    String text = body(o);
                    Uni<Integer> insert = collection
                            ? tx.run("insert into content (id, ap_id, kind, host, community_id, author_id, title, body, created_at, updated_at)"
                                    + " values ($1, $2, 'COLLECTION', $3, $4, $5, $6, $7, $8, $8) on conflict (ap_id) do nothing",
                                    id, Json.text(o, "id"), r.host(), community.id(), author, title(o, text), text, published(o))
                            : tx.run("insert into content (id, ap_id, kind, host, community_id, author_id, collection_id, position, title, body,"
                                    + " url, licence, language, level, subject, resource_type, attribution, created_at, updated_at)"
                                    + " select $1, $2, 'RESOURCE', $3, $4, $5, $6, coalesce(max(position) + 1, 0), $7, $8, $9, "
                                    + vocab("LICENCE", 10) + ", " + vocab("LANGUAGE", 11) + ", $12::smallint, " + vocab("SUBJECT", 13) + ", "
                                    + vocab("RESOURCE_TYPE", 14) + ", $15, $16, $16 from content"
                                    + " where collection_id = $6 and kind = 'RESOURCE' and deleted_at is null on conflict (ap_id) do nothing",
                                    id, Json.text(o, "id"), r.host(), community.id(), author, collectionId, title(o, text), text, url,
                                    code(o, "license"), code(o, "inLanguage"), level(o), code(o, "subject"), code(o, "learningResourceType"),
                                    cut(Json.text(o, "attribution"), 500), published(o));
                    return insert.chain(n -> n == 0 ? Uni.createFrom().voidItem()
                            : activities.received(tx, Verb.CREATE, r.id(), r.host(), author, community.id(), id, null).replaceWithVoid());
                });
            });
        }

        private static String cut(String s, int max) {
            return s == null || s.length() <= max ? s : s.substring(0, max);
        }

        private Uni<Void> reply(Sql tx, Received r, JsonNode o, UUID author, String parentId) {
            return lookup.content(tx, parentId).chain(parent -> {
                if (parent == null) {
                    // Possibly still on its way: retried with backoff, then given up.
                    throw new IllegalStateException("the parent " + parentId + " is not here (yet)");
                }
                if (parent.deleted() || !(parent.kind().equals("THREAD") || parent.kind().equals("COMMENT"))) {
                    throw new Ignored("replies to something that takes no replies");
                }
                Lookup.Community community = new Lookup.Community(parent.communityId(), parent.communityApId(), parent.communityLocal(),
                        false, false);
                return admit(tx, r, community, author, true).chain(() -> {
                    UUID id = UUID.randomUUID();
                    UUID threadId = parent.kind().equals("THREAD") ? parent.id() : parent.threadId();
                    String text = body(o);
                    return tx.run("insert into content (id, ap_id, kind, host, community_id, author_id, thread_id, in_reply_to, body,"
                                            + " created_at, updated_at) values ($1, $2, 'COMMENT', $3, $4, $5, $6, $7, $8, $9, $9)"
                                            + " on conflict (ap_id) do nothing", id, Json.text(o, "id"), r.host(), parent.communityId(), author,
                                    threadId, parent.id(), text == null || text.isBlank() ? "(no text)" : text, published(o))
                            .chain(n -> n == 0 ? Uni.createFrom().voidItem()
                                    : activities.received(tx, Verb.CREATE, r.id(), r.host(), author, parent.communityId(), id, null)
                                    .replaceWithVoid());
                });
            });
        }

        /** Who may add content where (see the class comment). */
        private Uni<Void> admit(Sql tx, Received r, Lookup.Community community, UUID author, boolean inKnownThread) {
            if (community.local()) {
                if (lookup.silenced(r.actor())) {
                    throw new Ignored("the actor's domain is silenced here");
                }
                return lookup.inGoodStanding(tx, author, community.id()).invoke(ok -> {
                    if (!ok) {
                        throw new Ignored("only members and accepted followers post in a community");
                    }
                }).replaceWithVoid();
            }
            if (inKnownThread) {
                return Uni.createFrom().voidItem();
            }
            if (!community.apId().equals(r.via())) {
                throw new Ignored("content of another server's community comes through its group");
            }
            return lookup.followedHere(tx, community.id()).invoke(wanted -> {
                if (!wanted) {
                    throw new Ignored("nobody here follows " + community.apId());
                }
            }).replaceWithVoid();
        }

    }

    @jakarta.inject.Singleton
    public static class Update extends ContentHandler {

        Update(Lookup lookup, RemoteActors actors, SignedGet get, ActivityLog activities) {
            super(lookup, actors, get, activities);
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
                Uni<Boolean> allowed = !c.communityLocal() ? Uni.createFrom().item(true)
                        : lookup.silenced(r.actor()) ? Uni.createFrom().item(false) : lookup.inGoodStanding(tx, c.authorId(), c.communityId());
                String text = body(o);
                // An edit older than the version here (a late or repeated Update) changes nothing; one without a time counts as now.
                OffsetDateTime at = o.has("updated") ? time(o, "updated") : Time.now();
                return allowed.chain(ok -> {
                    if (!ok) {
                        throw new Ignored("only members in good standing edit in a community");
                    }
                    if (c.kind().equals("RESOURCE") || c.kind().equals("COLLECTION")) {
                        String url = link(o);
                        return tx.run("update content set title = $2, body = $3, url = coalesce($4, url), licence = " + vocab("LICENCE", 5)
                                        + ", language = " + vocab("LANGUAGE", 6) + ", level = $7::smallint, subject = " + vocab("SUBJECT", 8)
                                        + ", resource_type = " + vocab("RESOURCE_TYPE", 9) + ", attribution = $10"
                                        + ", updated_at = $11 where id = $1 and updated_at < $11",
                                c.id(), title(o, text), text, c.kind().equals("RESOURCE") ? url : null, code(o, "license"),
                                code(o, "inLanguage"), level(o), code(o, "subject"), code(o, "learningResourceType"),
                                Create.cut(Json.text(o, "attribution"), 500), at);
                    }
                    return tx.run("update content set title = case when kind = 'THREAD' then $2 else title end, updated_at = $3"
                            + " where id = $1 and updated_at < $3", c.id(), title(o, text), at);
                }).chain(changed -> changed == 0 ? Uni.createFrom().voidItem()
                        : (c.kind().equals("RESOURCE") || c.kind().equals("COLLECTION") ? Uni.createFrom().item(0) : c.kind().equals("THREAD")
                                ? tx.run("update content set body = coalesce($2, body), updated_at = $3 where id = (select id"
                                        + " from content where thread_id = $1 and kind = 'COMMENT' and in_reply_to is null"
                                        + " order by created_at limit 1)", c.id(), text, at)
                                : tx.run("update content set body = coalesce($2, body) where id = $1", c.id(), text))
                        .chain(() -> activities.received(tx, Verb.UPDATE, r.id(), r.host(), c.authorId(), c.communityId(), c.id(), null))
                        .replaceWithVoid());
            });
        }
    }
}
