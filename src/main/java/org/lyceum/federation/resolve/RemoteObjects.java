package org.lyceum.federation.resolve;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lyceum.common.DomainException;
import org.lyceum.database.Sql;
import org.lyceum.federation.Authority;
import org.lyceum.federation.fetch.FetchRefusedException;
import org.lyceum.federation.inbox.Ignored;
import org.lyceum.federation.inbox.Lookup;
import org.lyceum.federation.inbox.handler.ContentHandler;
import org.lyceum.federation.inbox.handler.CreateHandler;
import org.lyceum.federation.protocol.Json;
import org.lyceum.federation.remote.RemoteActors;
import org.lyceum.federation.remote.SignedGet;

/**
 * Content of another server opened by its URL: the object, then what it hangs from (the comments
 * and thread it replies to, the collection of a resource) up to something already here, their
 * authors and community, all fetched first; then stored in one transaction as {@link CreateHandler}
 * stores what a group announces. Each object counts only as fetched from its own id, and only
 * when its author is of the same server, as a signature would vouch for it.
 */
@ApplicationScoped
class RemoteObjects {

    /** How many objects one resolve fetches at most, the asked one included. */
    static final int MAX_CHAIN = 10;
    /** How many of an object's addressees are tried as its community. */
    private static final int MAX_AUDIENCE = 5;

    private final Sql sql;
    private final SignedGet get;
    private final RemoteActors actors;
    private final Lookup lookup;
    private final CreateHandler create;

    RemoteObjects(Sql sql, SignedGet get, RemoteActors actors, Lookup lookup, CreateHandler create) {
        this.sql = sql;
        this.get = get;
        this.actors = actors;
        this.lookup = lookup;
        this.create = create;
    }

    /** Whether a fetched document is content this instance keeps (rather than an actor). */
    static boolean isContent(JsonNode doc) {
        return ContentHandler.takes(Json.type(doc));
    }

    /** Stores the content a fetched document is (with what it hangs from) and gives its row id. */
    Uni<UUID> store(SignedGet.Document asked) {
        return canonical(asked)
                .chain(first -> withParents(new ArrayList<>(List.of(first))))
                .chain(chain -> community(chain)
                        .chain(community -> vouched(chain, community))
                        .chain(community -> authors(chain)
                                .chain(() -> sql.transaction(tx -> storeAll(tx, chain, community)))
                                .chain(() -> lookup.content(sql, id(chain.get(0))))))
                .map(found -> {
                    if (found == null) {
                        throw DomainException.notFound("object");
                    }
                    return found.id();
                })
                .onFailure(Ignored.class)
                .transform(e -> DomainException.invalid("query", "cannot be shown here: " + e.getMessage()));
    }

    /** The document at its own id: a URL answered with another id is fetched once more at that id, same host only. */
    private Uni<JsonNode> canonical(SignedGet.Document doc) {
        String id = Json.text(doc.json(), "id");
        if (id == null) {
            return Uni.createFrom().failure(new FetchRefusedException(doc.from() + " has no id"));
        }
        if (id.equals(doc.from().toString())) {
            return Uni.createFrom().item(checked(doc.json(), id));
        }
        URI at = uri(id);
        if (!Authority.of(at).equals(Authority.of(doc.from()))) {
            return Uni.createFrom()
                    .failure(new FetchRefusedException(doc.from() + " claims the id " + id + " of another server"));
        }
        return get.fetch(at).map(again -> {
            if (!id.equals(Json.text(again.json(), "id"))
                    || !id.equals(again.from().toString())) {
                throw new FetchRefusedException(id + " answered with another id");
            }
            return checked(again.json(), id);
        });
    }

    private static JsonNode checked(JsonNode o, String id) {
        String type = Json.type(o);
        if (!isContent(o)) {
            throw DomainException.invalid(
                    "query", "names a " + type + ", not a resource, collection, thread or comment Lyceum can show");
        }
        String author = Json.id(o.get("attributedTo"));
        if (author == null || !Authority.of(uri(author)).equals(Authority.of(uri(id)))) {
            throw new FetchRefusedException(id + " is not attributed to a person of its own server");
        }
        return o;
    }

    /** What the last object hangs from, fetched until something is already here or nothing is above. */
    private Uni<List<JsonNode>> withParents(List<JsonNode> chain) {
        String parent = parentOf(chain.get(chain.size() - 1));
        if (parent == null) {
            return Uni.createFrom().item(chain);
        }
        return lookup.content(sql, parent).chain(here -> {
            if (here != null && here.deleted()) {
                throw DomainException.notFound("object it hangs from");
            }
            if (here != null) {
                return Uni.createFrom().item(chain);
            }
            if (lookup.local(parent)) {
                throw DomainException.notFound("object it replies to");
            }
            if (chain.size() >= MAX_CHAIN) {
                throw DomainException.invalid(
                        "query", "hangs from more than " + MAX_CHAIN + " objects that are not here yet");
            }
            return get.fetch(uri(parent)).chain(this::canonical).chain(doc -> {
                chain.add(doc);
                return withParents(chain);
            });
        });
    }

    /** A resource's collection, or what anything else replies to: as CreateHandler reads them. */
    private static @Nullable String parentOf(JsonNode o) {
        return ContentHandler.isLibrary(Json.type(o)) ? Json.id(o.get("partOf")) : Json.id(o.get("inReplyTo"));
    }

    /**
     * Without its group's Announce, nothing vouches that a thread, collection or resource belongs
     * to a community on a third server: its own server could name any community. So those are
     * taken only from the community's own server (or for a community of this instance, whose
     * members CreateHandler checks); a reply in a thread already here is taken as the inbox takes
     * it. Others arrive when the community announces them, to those who follow it.
     */
    private Uni<String> vouched(List<JsonNode> chain, String community) {
        return lookup.community(sql, community).map(c -> {
            if (c == null || c.local()) {
                return community;
            }
            String host = Authority.of(uri(community));
            for (JsonNode o : chain) {
                boolean reply = !ContentHandler.isLibrary(Json.type(o)) && Json.id(o.get("inReplyTo")) != null;
                if (!reply && !Authority.of(uri(id(o))).equals(host)) {
                    throw DomainException.invalid(
                            "query",
                            "is posted to " + community + ", a community on another server; it arrives here when"
                                    + " that community announces it (follow the community)");
                }
            }
            return community;
        });
    }

    /**
     * The community the chain belongs to: that of what its top hangs from when that is here, else
     * the first Group its top is addressed to (audience first), fetched when it is not here yet.
     */
    private Uni<String> community(List<JsonNode> chain) {
        JsonNode top = chain.get(chain.size() - 1);
        String parent = parentOf(top);
        if (parent != null) {
            return lookup.content(sql, parent)
                    .onItem()
                    .ifNull()
                    .failWith(() -> DomainException.notFound("object it hangs from"))
                    .map(Lookup.Content::communityApId);
        }
        List<String> candidates = new ArrayList<>(new LinkedHashSet<>(ContentHandler.addressed(top, null)));
        candidates.removeIf(c -> c.endsWith("/followers") || !c.startsWith("http"));
        return firstGroup(candidates.subList(0, Math.min(MAX_AUDIENCE, candidates.size())), 0)
                .onItem()
                .ifNull()
                .failWith(() -> DomainException.invalid("query", "belongs to no community Lyceum can show"));
    }

    private Uni<@Nullable String> firstGroup(List<String> candidates, int at) {
        if (at >= candidates.size()) {
            return Uni.createFrom().nullItem();
        }
        String candidate = candidates.get(at);
        Uni<@Nullable String> group = lookup.community(sql, candidate).chain(known -> {
            if (known != null) {
                return Uni.createFrom().item(known.deleted() ? null : known.apId());
            }
            if (lookup.local(candidate)) {
                return Uni.createFrom().nullItem();
            }
            return actors.byId(candidate, false)
                    .map(a -> a.group() ? a.apId() : null)
                    // An addressee that is no actor (a collection, a gone account) is not the community.
                    .onFailure(e -> !(e instanceof DomainException))
                    .recoverWithNull();
        });
        return group.chain(found -> found != null ? Uni.createFrom().item(found) : firstGroup(candidates, at + 1));
    }

    /** Every author is stored (and must be a person) before the transaction. */
    private Uni<Void> authors(List<JsonNode> chain) {
        Uni<Void> all = Uni.createFrom().voidItem();
        for (String author :
                new LinkedHashSet<>(chain.stream().map(RemoteObjects::author).toList())) {
            all = all.chain(() -> actors.byId(author, false).invoke(a -> {
                        if (a.group()) {
                            throw new FetchRefusedException(author + " is a group, not a person");
                        }
                    }))
                    .replaceWithVoid();
        }
        return all;
    }

    /** The top first, so that each reply finds its parent and each resource its collection. */
    private Uni<Void> storeAll(Sql tx, List<JsonNode> chain, String community) {
        Uni<Void> all = Uni.createFrom().voidItem();
        for (int i = chain.size() - 1; i >= 0; i--) {
            JsonNode o = chain.get(i);
            all = all.chain(() -> create.storeFetched(tx, o, author(o), community));
        }
        return all;
    }

    private static String author(JsonNode o) {
        return String.valueOf(Json.id(o.get("attributedTo")));
    }

    private static String id(JsonNode o) {
        return String.valueOf(Json.text(o, "id"));
    }

    private static URI uri(String id) {
        try {
            URI u = URI.create(id);
            if (u.getHost() == null || !(id.startsWith("https://") || id.startsWith("http://"))) {
                throw new FetchRefusedException("not an http(s) URL: " + id);
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw new FetchRefusedException("not a URL: " + id);
        }
    }
}
