package org.lyceum.federation.inbox.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Objects;
import java.util.Set;
import org.lyceum.account.Suspensions;
import org.lyceum.database.Sql;
import org.lyceum.federation.inbox.ActivityHandler;
import org.lyceum.federation.inbox.Handlers;
import org.lyceum.federation.inbox.Ignored;
import org.lyceum.federation.inbox.Received;
import org.lyceum.federation.protocol.Json;
import org.lyceum.federation.remote.RemoteActor;
import org.lyceum.federation.remote.RemoteActors;
import org.lyceum.federation.remote.SignedGet;

/**
 * What a group announces to its followers (FEP-1b12): an activity of a member, which is then
 * handled as that activity in the group's community; or a bare object (the copy Mastodon can
 * read), handled as its Create. Content in a copy of another host's activity is not trusted: it
 * is fetched from its own host. Likes, undos and deletions of other hosts' people are taken on
 * the group's word, and only for content of the group's own community.
 */
@ApplicationScoped
public class AnnounceHandler implements ActivityHandler {

    private static final Set<String> INNER =
            Set.of("Create", "Update", "Delete", "Like", "Undo", "Block", "Add", "Remove", "Lock");

    private final Handlers handlers;
    private final RemoteActors actors;
    private final SignedGet get;
    private final org.lyceum.federation.inbox.Lookup lookup;
    private final Sql sql;

    AnnounceHandler(
            Handlers handlers, RemoteActors actors, SignedGet get, org.lyceum.federation.inbox.Lookup lookup, Sql sql) {
        this.lookup = lookup;
        this.sql = sql;
        this.handlers = handlers;
        this.actors = actors;
        this.get = get;
    }

    @Override
    public String type() {
        return "Announce";
    }

    @Override
    public Uni<Received> verify(Received r) {
        return actors.byId(r.actor(), false).chain(group -> {
            if (!group.group()) {
                throw new Ignored("only groups' announces are taken (boosts are not)");
            }
            JsonNode object = Json.embedded(r.json(), "object");
            String type = object == null ? null : Json.type(object);
            if (object != null && type != null && INNER.contains(type)) {
                return inner(r, group, (ObjectNode) object, type);
            }
            String objectId = r.objectId();
            if (objectId == null) {
                throw new Ignored("announces nothing");
            }
            // A bare object: handled as its creation, under an id of its own.
            ObjectNode create = r.json().deepCopy();
            create.put("type", "Create");
            create.put("id", r.id() + "#create");
            // The group's copy is used only for its own people's objects; anything else comes from its origin.
            String claimed = object == null ? null : Json.id(object.get("attributedTo"));
            boolean own = object != null && sameHost(objectId, group) && claimed != null && sameHost(claimed, group);
            return (own ? Uni.createFrom().item(object) : fromOrigin(objectId)).chain(o -> {
                // Checked above for the group's own object, and by fromOrigin for a fetched one.
                String author = Objects.requireNonNull(Json.id(o.get("attributedTo")), "an object with an author");
                create.set("object", o);
                create.put("actor", author);
                return delegate(new Received(r.inbox(), r.id() + "#create", author, "Create", create, group.apId()));
            });
        });
    }

    private Uni<Received> inner(Received r, RemoteActor group, ObjectNode activity, String type) {
        String id = Json.text(activity, "id");
        String actor = Json.id(activity.get("actor"));
        if (id == null || actor == null) {
            throw new Ignored("the announced activity has no id or actor");
        }
        if (lookup.local(actor)) {
            // Only this instance speaks for its people: a copy claiming one of them is not believed.
            throw new Ignored("announces an activity of someone of this instance");
        }
        boolean foreign = !sameHost(actor, group) || !sameHost(id, group);
        String innerObject = Json.id(activity.get("object"));
        if ((type.equals("Create") || type.equals("Update"))
                && (innerObject == null || !sameHostAs(innerObject, actor))) {
            throw new Ignored("the announced " + type + " is of an object not on its actor's host");
        }
        if (foreign && (type.equals("Create") || type.equals("Update"))) {
            // Content is fetched from its own host, not taken from the group's copy.
            activity.put("object", innerObject);
        }
        // Reactions and removals of another host's people are taken on the group's word, but
        // only within its own community: the handlers check that (FEP-1b12 trusts the group so).
        return delegate(new Received(r.inbox(), id, actor, type, activity, group.apId()));
    }

    /** The object as its own host serves it (fetched once; the Create handler then uses this copy). */
    private Uni<JsonNode> fromOrigin(String objectId) {
        return get.fetch(ContentHandler.uri(objectId)).map(doc -> {
            String author = Json.id(doc.json().get("attributedTo"));
            if (!objectId.equals(Json.text(doc.json(), "id"))) {
                throw new Ignored("the object fetched from " + objectId + " has another id");
            }
            if (author == null || !sameHostAs(author, objectId)) {
                throw new Ignored("the announced object's author is not on its host");
            }
            return doc.json();
        });
    }

    private Uni<Received> delegate(Received inner) {
        ActivityHandler handler = handlers.of(inner.type());
        if (handler == null) {
            throw new Ignored("no handler for an announced " + inner.type());
        }
        // A person suspended here is refused however their activity comes: the inbox refuses
        // what they sign, and this what a group relays for them.
        return sql.one(
                        "select exists(select 1 from person p where p.ap_id = $1 and " + Suspensions.ACTIVE
                                + ") suspended",
                        row -> Boolean.TRUE.equals(row.getBoolean("suspended")),
                        inner.actor())
                .chain(suspended -> {
                    if (suspended) {
                        throw new Ignored("the announced activity's actor is suspended on this instance");
                    }
                    return handler.verify(inner);
                });
    }

    @Override
    public Uni<Void> receive(Sql tx, Received inner) {
        return Objects.requireNonNull(handlers.of(inner.type()), "verify found a handler for the type")
                .receive(tx, inner);
    }

    private static boolean sameHost(String url, RemoteActor group) {
        return sameHostAs(url, group.apId());
    }

    private static boolean sameHostAs(String a, String b) {
        String ha = org.lyceum.federation.inbox.Origin.hostOf(a);
        return ha != null && ha.equals(org.lyceum.federation.inbox.Origin.hostOf(b));
    }
}
