package org.lyceum.federation.inbox.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.lyceum.activity.ActivityLog;
import org.lyceum.common.Check;
import org.lyceum.common.Time;
import org.lyceum.federation.inbox.ActivityHandler;
import org.lyceum.federation.inbox.Ignored;
import org.lyceum.federation.inbox.Lookup;
import org.lyceum.federation.inbox.Received;
import org.lyceum.federation.protocol.Html;
import org.lyceum.federation.protocol.Json;
import org.lyceum.federation.remote.RemoteActors;
import org.lyceum.federation.remote.SignedGet;

/**
 * What Create and Update share: a Page (or Article) is a thread, a Note a reply (a
 * Note that replies to nothing starts a thread, as Mastodon users post to groups). Content in a
 * community of this instance is taken only from members and accepted followers; content in
 * another server's community only as its group announced it, or as a reply in a thread that is
 * already here (see CreateHandler). Their text and mentions are {@link ReceivedText}'s.
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

    /** Whether objects of this type are collections or resources (hung by partOf, not inReplyTo). */
    public static boolean isLibrary(@Nullable String type) {
        return type != null && LIBRARY.contains(type);
    }

    /** Whether objects of this type are kept as content: threads, replies, collections and resources. */
    public static boolean takes(@Nullable String type) {
        return type != null && (THREADS.contains(type) || LIBRARY.contains(type) || "Note".equals(type));
    }

    final Lookup lookup;
    final RemoteActors actors;
    final SignedGet get;
    final ActivityLog activities;
    final ReceivedText received;

    ContentHandler(Lookup lookup, RemoteActors actors, SignedGet get, ActivityLog activities, ReceivedText received) {
        this.received = received;
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
        Uni<JsonNode> had = object != null && object.has("type")
                ? Uni.createFrom().item(object)
                : get.fetch(uri(id)).map(doc -> {
                    if (!id.equals(Json.text(doc.json(), "id"))) {
                        throw new Ignored("the object fetched from " + id + " has another id");
                    }
                    return doc.json();
                });
        return had.chain(o -> {
            String type = Json.type(o);
            if (type == null) {
                // Set.of(...).contains(null) throws: an object without a type would fail (and be retried) as a bug.
                throw new Ignored("names an object without a type");
            }
            if (ACTORS.contains(type)) {
                // An actor's profile changed: fetch it again rather than trusting the copy.
                return lookup.local(id)
                        ? Uni.createFrom().item(r)
                        : actors.byId(id, true).replaceWith(r);
            }
            if (!takes(type)) {
                throw new Ignored("does not take " + type + " objects");
            }
            String author = Json.id(o.get("attributedTo"));
            if (author == null || !author.equals(r.actor())) {
                throw new Ignored("the object is not attributed to the activity's actor");
            }
            ObjectNode json = r.json().deepCopy();
            json.set("object", o);
            Received ready = new Received(r.inbox(), r.id(), r.actor(), r.type(), json, r.via());
            return lookup.local(author)
                    ? Uni.createFrom().item(ready)
                    : actors.byId(author, false).replaceWith(ready);
        });
    }

    /** The communities an object may be addressed to (at most 20 ids are looked at). */
    public static List<String> addressed(JsonNode o, @Nullable String via) {
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

    static String title(JsonNode o, @Nullable String text) {
        String name = Json.text(o, "name");
        String t = name != null && !name.isBlank()
                ? Objects.requireNonNull(Html.toText(name), "the text of a string is a string")
                : text == null ? "" : text.lines().findFirst().orElse("");
        t = t.strip();
        if (t.isEmpty()) {
            t = "(untitled)";
        }
        return t.length() > 100 ? t.substring(0, 100) : t;
    }

    /** Attachments whose URL may stand for a resource: a link, or a file (Mastodon sends images as Image). */
    static final Set<String> FILES = Set.of("Link", "Document", "Image", "Audio", "Video");

    /**
     * The link of a resource, always linked, never copied: its {@code url} (a string or a Link), else
     * the first attachment that is a Link ({@code href}) or a file ({@code url}); http(s) only. So a
     * Lyceum file resource, a Mastodon post's Document and a Lemmy post's link all arrive as links.
     */
    static @Nullable String link(JsonNode o) {
        String url = http(href(o.get("url"), 2));
        JsonNode attachments = o.get("attachment");
        if (url != null || attachments == null) {
            return url;
        }
        int seen = 0;
        for (JsonNode a : attachments.isArray() ? attachments : List.of(attachments)) {
            if (++seen > 20) {
                break;
            }
            String found = a.isObject() && FILES.contains(Json.type(a)) ? http(href(a, 2)) : null;
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** A URL as peers write it: a string, a Link's href, an object's url, or the first of an array. */
    private static @Nullable String href(@Nullable JsonNode node, int depth) {
        if (node == null || depth < 0) {
            return null;
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isArray()) {
            return node.isEmpty() ? null : href(node.get(0), depth - 1);
        }
        if (!node.isObject()) {
            return null;
        }
        String href = Json.text(node, "href");
        return href != null ? href : href(node.get("url"), depth - 1);
    }

    private static @Nullable String http(@Nullable String url) {
        return url != null && url.length() <= Check.URL_MAX && (url.startsWith("https://") || url.startsWith("http://"))
                ? url
                : null;
    }

    static @Nullable Integer level(JsonNode o) {
        String l = Json.text(o, "educationalLevel");
        if (l == null || !l.matches("ISCED-[0-8]")) {
            return null;
        }
        return Integer.parseInt(l.substring(6));
    }

    static @Nullable String code(JsonNode o, String field) {
        String v = Json.text(o, field);
        return v == null || v.length() > 64 ? null : v;
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

    static @Nullable String cut(@Nullable String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
