package org.lyceum.federation.remote;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.Set;
import org.lyceum.common.Check;
import org.lyceum.common.Time;
import org.lyceum.database.Sql;
import org.lyceum.database.SqlRow;
import org.lyceum.federation.Authority;
import org.lyceum.federation.FederationConfig;
import org.lyceum.federation.fetch.FetchRefusedException;
import org.lyceum.federation.protocol.Html;
import org.lyceum.federation.protocol.Json;
import org.lyceum.instance.InstanceConfig;
import org.lyceum.text.RemoteText;

/**
 * Remote people and groups: fetched (signed by the instance actor), checked, and stored as
 * person or community rows with host set, their public key in actor_key. Stored documents are
 * used until lyceum.federation.actor-refresh has passed or a signature fails with the stored key.
 */
@ApplicationScoped
public class RemoteActors {

    private static final Set<String> PEOPLE = Set.of("Person", "Service", "Application", "Organization");
    private static final String COLUMNS =
            "a.id, a.ap_id, a.inbox, a.shared_inbox, a.fetched_at, k.key_id, k.public_pem";

    private final Sql sql;
    private final SignedGet get;
    private final FederationConfig config;
    private final String ownHost;
    private final RemoteImages images;

    RemoteActors(Sql sql, SignedGet get, FederationConfig config, InstanceConfig instance, RemoteImages images) {
        this.sql = sql;
        this.get = get;
        this.config = config;
        this.images = images;
        this.ownHost = Authority.of(URI.create(instance.baseUrl()));
    }

    /** A remote actor by id, fetched when unknown, stale, or when {@code refresh} asks for it. */
    public Uni<RemoteActor> byId(String apId, boolean refresh) {
        return stored("a.ap_id = $1", apId)
                .chain(s ->
                        s != null && !refresh && fresh(s) ? Uni.createFrom().item(s) : fetch(ActorFields.uri(apId)));
    }

    /** The actor a key belongs to; with {@code refresh} its document is fetched again (a key may have rotated). */
    public Uni<RemoteActor> byKeyId(String keyId, boolean refresh) {
        // Two indexed lookups (the key, then its actor) rather than one OR over both actor tables.
        Uni<RemoteActor> known = refresh
                ? Uni.createFrom().nullItem()
                : sql.one(
                                "select actor_id from actor_key where key_id = $1 union all select actor_id from actor_extra_key where key_id = $1"
                                        + " limit 1",
                                r -> r.getString("actor_id"),
                                keyId)
                        .chain(actorId ->
                                actorId == null ? Uni.createFrom().nullItem() : stored("a.ap_id = $1", actorId))
                        .chain(a -> a == null || keyId.equals(a.keyId())
                                ? Uni.createFrom().item(a)
                                : withExtraKeys(a));
        return known.chain(s -> {
            if (s != null) {
                return Uni.createFrom().item(s);
            }
            URI keyUri = ActorFields.uri(keyId);
            URI document = URI.create(keyUri.getScheme() + ":" + keyUri.getRawSchemeSpecificPart());
            if (Authority.of(keyUri).equals(ownHost)) {
                return Uni.createFrom().failure(FetchRefusedException.policy(keyId + " is a key of this instance"));
            }
            return get.fetch(document)
                    .chain(doc -> {
                        if (doc.json().has("inbox")) {
                            // The key's URL served an actor: it counts only as the document at its own id.
                            String id = Json.text(doc.json(), "id");
                            return id != null && id.equals(doc.from().toString())
                                    ? store(doc)
                                    : fetch(ActorFields.uri(id == null ? "" : id));
                        }
                        // A key document names its owner, whose own document must list the same key.
                        String owner = Json.text(doc.json(), "owner");
                        if (owner == null
                                || !Authority.of(ActorFields.uri(owner)).equals(Authority.of(keyUri))) {
                            throw new FetchRefusedException(
                                    "the key " + keyId + " names no owner on its own host", true);
                        }
                        return fetch(ActorFields.uri(owner));
                    })
                    .invoke(actor -> {
                        if (actor.pem(keyId) == null) {
                            throw new FetchRefusedException("the actor of " + keyId + " does not list that key", true);
                        }
                    });
        });
    }

    private Uni<RemoteActor> fetch(URI uri) {
        if (Authority.of(uri).equals(ownHost)) {
            return Uni.createFrom().failure(new FetchRefusedException(uri + " is on this instance", true));
        }
        return get.fetch(uri).chain(this::adopt);
    }

    /**
     * Stores the actor of a document fetched by URL (resolve fetches before it knows the kind). Some
     * servers answer a URL with a document of another id: that id is fetched once, at its own host.
     */
    public Uni<RemoteActor> adopt(SignedGet.Document doc) {
        String id = Json.text(doc.json(), "id");
        if (id != null
                && !id.equals(doc.from().toString())
                && Authority.of(ActorFields.uri(id)).equals(Authority.of(doc.from()))
                && !Authority.of(ActorFields.uri(id)).equals(ownHost)) {
            return get.fetch(ActorFields.uri(id)).chain(this::store);
        }
        return store(doc);
    }

    private Uni<RemoteActor> store(SignedGet.Document doc) {
        JsonNode j = doc.json();
        String id = Json.text(j, "id");
        String type = Json.type(j);
        if (id == null || type == null) {
            throw new FetchRefusedException("the actor document has no id or type", true);
        }
        String host = Authority.of(ActorFields.uri(id));
        // A document is its id's only where it was fetched from that very id (a stray JSON file on
        // the same host must not speak for its actors), and never for this instance's own actors.
        if (!id.equals(doc.from().toString())) {
            throw new FetchRefusedException("the document from " + doc.from() + " claims the id " + id, true);
        }
        if (host.equals(ownHost)) {
            throw new FetchRefusedException(id + " is on this instance", true);
        }
        boolean group = type.equals("Group");
        if (!group && !PEOPLE.contains(type)) {
            throw new FetchRefusedException(id + " is a " + type + ", not a person or group", true);
        }
        String inbox = Json.text(j, "inbox");
        if (inbox == null || !Authority.of(ActorFields.uri(inbox)).equals(host)) {
            throw new FetchRefusedException("the actor " + id + " has no inbox on its own host", true);
        }
        JsonNode endpoints = j.get("endpoints");
        String shared = endpoints == null ? null : Json.text(endpoints, "sharedInbox");
        if (shared != null && !Authority.of(ActorFields.uri(shared)).equals(host)) {
            shared = null;
        }
        JsonNode key = DocumentKeys.ownKey(j.get("publicKey"), id);
        java.util.Map<String, String> extra = DocumentKeys.ed25519Keys(j.get("assertionMethod"), id);
        String handle = Json.text(j, "preferredUsername");
        if (handle == null) {
            String path = ActorFields.uri(id).getPath();
            handle = path.substring(path.lastIndexOf('/') + 1);
        }
        // Refused, not repaired: a handle with '@', spaces or bidi controls would misname the actor.
        handle = ActorNames.normalised(handle);
        String nameProblem = ActorNames.problem(handle);
        if (nameProblem != null) {
            throw FetchRefusedException.policy("the actor " + id + " has a preferredUsername that " + nameProblem);
        }
        String name = Json.text(j, "name");
        name = ActorFields.cut(name == null || name.isBlank() ? handle : Html.toText(name), 100);
        JsonNode source = j.get("source");
        RemoteText summary = RemoteText.of(
                Json.text(j, "summary"),
                source != null && source.isObject() ? Json.text(source, "content") : null,
                source != null && source.isObject() ? Json.text(source, "mediaType") : null,
                Check.SUMMARY_MAX);
        // Linked, not copied (unless lyceum.media.cache-remote: RemoteImages): the actor's own server
        // serves its icon and banner. A copy (icon_id, banner_id) is dropped when its URL changes.
        String iconUrl = ActorFields.imageUrl(j, "icon");
        String bannerUrl = ActorFields.imageUrl(j, "image");
        boolean approves = j.path("manuallyApprovesFollowers").asBoolean(false);
        // A group's featured collection (Lemmy's pins), taken only on the group's own host.
        String featured = group ? Json.id(j.get("featured")) : null;
        ActorRows.Fields fields = new ActorRows.Fields(
                id,
                group,
                host,
                handle,
                name,
                summary == null ? null : summary.content(),
                summary == null ? null : summary.html(),
                iconUrl,
                bannerUrl,
                approves,
                inbox,
                shared,
                ActorFields.onHost(featured, host) ? featured : null);
        String finalShared = shared;
        return sql.transaction(tx -> ActorRows.upsert(tx, fields)
                        .onItem()
                        .ifNull()
                        .failWith(() -> new FetchRefusedException(id + " names a row of this instance", true))
                        .chain(row -> key == null
                                ? Uni.createFrom().item(row)
                                : tx.run(
                                                "insert into actor_key (actor_id, key_id, public_pem) values ($1, $2, $3) on conflict (actor_id)"
                                                        + " do update set key_id = excluded.key_id, public_pem = excluded.public_pem, created_at = now()"
                                                        + " where actor_key.private_pem is null",
                                                id,
                                                Json.text(key, "id"),
                                                Json.text(key, "publicKeyPem"))
                                        .replaceWith(row))
                        .call(() -> tx.run("delete from actor_extra_key where actor_id = $1", id))
                        .call(() -> extra.isEmpty()
                                ? Uni.createFrom().voidItem()
                                : tx.run(
                                                "insert into actor_extra_key (key_id, actor_id, public_pem) select k, $1, p from unnest($2::text[], $3::text[])"
                                                        + " as t(k, p) on conflict (key_id) do update set public_pem = excluded.public_pem"
                                                        + " where actor_extra_key.actor_id = excluded.actor_id",
                                                id,
                                                extra.keySet().toArray(String[]::new),
                                                extra.values().toArray(String[]::new))
                                        .replaceWithVoid()))
                .invoke(row -> images.refresh(new RemoteImages.Wanted(
                        group, row.id(), id, row.newIcon() ? iconUrl : null, row.newBanner() ? bannerUrl : null)))
                .map(row -> new RemoteActor(
                        id,
                        group,
                        row.id(),
                        inbox,
                        finalShared,
                        key == null ? null : Json.text(key, "id"),
                        key == null ? null : Json.text(key, "publicKeyPem"),
                        Time.now(),
                        extra));
    }

    private Uni<RemoteActor> stored(String where, String value) {
        return sql.one(
                "select " + COLUMNS + ", false as grp from person a left join actor_key k on k.actor_id = a.ap_id"
                        + " where a.host is not null and " + where
                        + " union all select " + COLUMNS
                        + ", true from community a left join actor_key k on k.actor_id = a.ap_id"
                        + " where a.host is not null and " + where + " limit 1",
                RemoteActors::row,
                value);
    }

    /** The actor with its further (Ed25519) keys, read only when a signature names one of them. */
    private Uni<RemoteActor> withExtraKeys(RemoteActor a) {
        return sql.list("select key_id, public_pem from actor_extra_key where actor_id = $1", r -> r, a.apId())
                .map(rows -> {
                    java.util.Map<String, String> keys = new java.util.LinkedHashMap<>();
                    rows.forEach(r -> keys.put(r.getString("key_id"), r.getString("public_pem")));
                    return a.withExtraKeys(keys);
                });
    }

    private static RemoteActor row(SqlRow r) {
        return new RemoteActor(
                r.getString("ap_id"),
                r.getBoolean("grp"),
                r.getUUID("id"),
                r.getString("inbox"),
                r.getString("shared_inbox"),
                r.getString("key_id"),
                r.getString("public_pem"),
                r.getOffsetDateTime("fetched_at"),
                java.util.Map.of());
    }

    private boolean fresh(RemoteActor a) {
        return a.inbox() != null
                && a.fetchedAt() != null
                && a.fetchedAt().plus(config.actorRefresh()).isAfter(Time.now());
    }
}
