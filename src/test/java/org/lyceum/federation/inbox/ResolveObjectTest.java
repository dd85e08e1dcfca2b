package org.lyceum.federation.inbox;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lyceum.support.Api;
import org.lyceum.support.Api.User;
import org.lyceum.support.GraphQL;
import org.lyceum.support.Rows;

/**
 * resolve(query) with the URL of another server's content (issue 14 item 7): a comment deep in a
 * thread is stored with the thread, the comments between, its authors and community; a resource
 * with its collection; what is stored can be liked and replied to; what is not content of a
 * community, or not vouched for by its own server, is refused with a reason (row 33 of
 * docs/permissions.md).
 */
@QuarkusTest
class ResolveObjectTest extends InboxFixture {

    private static final String RESOLVE = "query($q: String!) { resolve(query: $q) { id __typename"
            + " ... on Comment { content author { handle } thread { id title community { id host } } }"
            + " ... on Thread { title community { id } comments(first: 10) { edges { node { content } } } }"
            + " ... on Resource { title url licence language level collection { id title } community { id } }"
            + " } }";

    /** Served documents are published a second apart, in the order served. */
    private int served;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aCommentComesWithItsThreadAuthorsAndCommunityAndCanBeLikedAndAnswered() {
        String group = peer.actor("lab" + suffix, "Group");
        String ana = peer.actor("ana" + suffix, "Person");
        String bob = peer.actor("bob" + suffix, "Person");
        String post = serve("posts", page(ana, group, "Photosynthesis lab", "<p>Bring <b>leaves</b></p>"));
        String first = serve("comments", note(bob, post, "Which leaves?"));
        String second = serve("comments", note(ana, first, "Any green ones"));
        User teacher = Api.user("teacher");
        long before = contentRows();

        GraphQL.as(teacher.token(), RESOLVE, Map.of("q", second))
                .body("errors", nullValue())
                .body("data.resolve.__typename", equalTo("Comment"))
                .body("data.resolve.content", equalTo("<p>Any green ones</p>"))
                .body("data.resolve.author.handle", equalTo("ana" + suffix + "@127.0.0.1:" + port()))
                .body("data.resolve.thread.title", equalTo("Photosynthesis lab"))
                .body("data.resolve.thread.community.host", equalTo("127.0.0.1:" + port()));
        // The thread, its first post and both comments; once, however often it is resolved.
        assertEquals(before + 4, contentRows());
        String comment = resolvedId(teacher, second);
        assertEquals(comment, resolvedId(teacher, second));
        assertEquals(before + 4, contentRows());
        String thread = resolvedId(teacher, post);
        GraphQL.as(teacher.token(), RESOLVE, Map.of("q", post))
                .body("data.resolve.__typename", equalTo("Thread"))
                .body(
                        "data.resolve.comments.edges.node.content",
                        contains("<p>Bring leaves</p>", "<p>Which leaves?</p>", "<p>Any green ones</p>"));
        assertEquals(
                0,
                Rows.count(db, "select count(*) from activity where ap_id like ?", peer.origin() + "/%#fetched"),
                "fetched content is not news: no feed shows it as just posted");

        // Liked and answered here; the answer goes to the group, replying to the remote comment.
        Api.call(
                        teacher,
                        "mutation($input: ObjectIdInput!) { like(input: $input) { object { id } } }",
                        Map.of("input", Map.of("id", comment)))
                .body("errors", nullValue());
        String community = GraphQL.as(teacher.token(), RESOLVE, Map.of("q", group))
                .extract()
                .path("data.resolve.id");
        Api.join(teacher, community);
        accepted(group, "lab" + suffix);
        Api.reply(teacher, comment, "Thanks, we'll try ivy");
        assertEquals(1, deliveredMentioning("Create", "\"inReplyTo\":\"" + second + "\""));
        assertEquals(1, deliveredMentioning("Like", "\"object\":\"" + second + "\""));
        GraphQL.as(teacher.token(), "query($id: ID!) { node(id: $id) { ... on Thread { id } } }", Map.of("id", thread))
                .body("data.node.id", equalTo(thread));
    }

    @Test
    void aResourceComesWithItsCollectionAndItsVocabulary() {
        String group = peer.actor("shelf" + suffix, "Group");
        String ana = peer.actor("ana" + suffix, "Person");
        String collection = serve(
                "collections",
                new JsonObject()
                        .put("type", "OrderedCollection")
                        .put("attributedTo", ana)
                        .put("name", "Plant biology")
                        .put("audience", group)
                        .put("to", new JsonArray().add(group).add(PUBLIC)));
        String resource = serve(
                "resources",
                new JsonObject()
                        .put("type", "Document")
                        .put("attributedTo", ana)
                        .put("name", "Leaf worksheet")
                        .put("url", "https://example.org/leaf.pdf")
                        .put("partOf", collection)
                        .put("license", "CC-BY-4.0")
                        .put("inLanguage", "fr")
                        .put("educationalLevel", "ISCED-2")
                        .put("audience", group)
                        .put("to", new JsonArray().add(group).add(PUBLIC)));
        User teacher = Api.user("teacher");

        GraphQL.as(teacher.token(), RESOLVE, Map.of("q", resource))
                .body("errors", nullValue())
                .body("data.resolve.__typename", equalTo("Resource"))
                .body("data.resolve.title", equalTo("Leaf worksheet"))
                .body("data.resolve.url", equalTo("https://example.org/leaf.pdf"))
                .body("data.resolve.licence", equalTo("CC-BY-4.0"))
                .body("data.resolve.language", equalTo("fr"))
                .body("data.resolve.level", equalTo(2))
                .body("data.resolve.collection.title", equalTo("Plant biology"));
        GraphQL.as(teacher.token(), RESOLVE, Map.of("q", collection))
                .body("data.resolve.__typename", equalTo("Collection"))
                .body("data.resolve.id", equalTo(resolvedId(teacher, resource, "collection.id")));
    }

    @Test
    void filesAreLinkedNotCopied() {
        String group = peer.actor("files" + suffix, "Group");
        String ana = peer.actor("ana" + suffix, "Person");
        // Mastodon's shape: Image objects; a bare URL works too; only http(s) is taken.
        peer.extras.put(
                "ana" + suffix,
                new JsonObject()
                        .put("icon", new JsonObject().put("type", "Image").put("url", "https://files.example/ana.png"))
                        .put(
                                "image",
                                new JsonObject()
                                        .put("type", "Image")
                                        .put("mediaType", "image/jpeg")
                                        .put("url", "https://files.example/ana-banner.jpg")));
        peer.extras.put(
                "files" + suffix,
                new JsonObject().put("image", "https://files.example/shelf.png").put("icon", "javascript:alert(1)"));
        String collection = serve(
                "collections",
                new JsonObject()
                        .put("type", "OrderedCollection")
                        .put("attributedTo", ana)
                        .put("name", "Worksheets")
                        .put("audience", group)
                        .put("to", new JsonArray().add(group).add(PUBLIC)));
        // A file as a Lyceum peer sends it, without the url: its attachment's url is the link.
        String onlyFile = serve(
                "resources",
                resource(ana, group, collection, "Stems")
                        .put(
                                "attachment",
                                new JsonArray()
                                        .add(new JsonObject()
                                                .put("type", "Document")
                                                .put("url", "https://files.example/media/1/stems.pdf")
                                                .put("mediaType", "application/pdf")
                                                .put("name", "stems.pdf"))));
        // Both: the url is kept.
        String both = serve(
                "resources",
                resource(ana, group, collection, "Roots")
                        .put("url", "https://files.example/media/2/roots.pdf")
                        .put(
                                "attachment",
                                new JsonArray()
                                        .add(new JsonObject()
                                                .put("type", "Document")
                                                .put("url", "https://elsewhere.example/x.pdf"))));
        // A Link attachment, as Lemmy sends a post's link.
        String link = serve(
                "resources",
                resource(ana, group, collection, "Seeds")
                        .put(
                                "attachment",
                                new JsonObject().put("type", "Link").put("href", "https://example.org/seeds")));
        User teacher = Api.user("teacher");

        GraphQL.as(teacher.token(), RESOLVE, Map.of("q", onlyFile))
                .body("errors", nullValue())
                .body("data.resolve.__typename", equalTo("Resource"))
                .body("data.resolve.url", equalTo("https://files.example/media/1/stems.pdf"));
        GraphQL.as(teacher.token(), RESOLVE, Map.of("q", both))
                .body("errors", nullValue())
                .body("data.resolve.url", equalTo("https://files.example/media/2/roots.pdf"));
        GraphQL.as(teacher.token(), RESOLVE, Map.of("q", link))
                .body("errors", nullValue())
                .body("data.resolve.url", equalTo("https://example.org/seeds"));
        assertEquals(
                0,
                Rows.count(
                        db,
                        "select count(*) from content where ap_id in (?, ?, ?) and file_id is not null",
                        onlyFile,
                        both,
                        link),
                "nothing is copied");
        assertEquals(
                "https://files.example/ana.png https://files.example/ana-banner.jpg",
                Rows.string(db, "select icon_url || ' ' || banner_url from person where ap_id = ?", ana));
        assertEquals(
                "null https://files.example/shelf.png",
                Rows.string(
                        db,
                        "select coalesce(icon_url, 'null') || ' ' || banner_url from community where ap_id = ?",
                        group));
    }

    private static JsonObject resource(String author, String group, String collection, String name) {
        return new JsonObject()
                .put("type", "Document")
                .put("attributedTo", author)
                .put("name", name)
                .put("partOf", collection)
                .put("audience", group)
                .put("to", new JsonArray().add(group).add(PUBLIC));
    }

    @Test
    void whatIsNotContentOfACommunityOrNotVouchedForByItsServerIsRefused() {
        String ana = peer.actor("ana" + suffix, "Person");
        String group = peer.actor("club" + suffix, "Group");
        User teacher = Api.user("teacher");
        long before = contentRows();

        // A status addressed to followers only, as Mastodon posts: no community to show it in.
        String status = serve(
                "statuses",
                new JsonObject()
                        .put("type", "Note")
                        .put("attributedTo", ana)
                        .put("content", "<p>Good morning</p>")
                        .put("to", new JsonArray().add(PUBLIC))
                        .put("cc", new JsonArray().add(ana + "/followers")));
        refused(teacher, status, "INVALID_INPUT");
        // A poll is not content Lyceum keeps.
        refused(
                teacher,
                serve("polls", new JsonObject().put("type", "Question").put("attributedTo", ana)),
                "INVALID_INPUT");
        // A page attributed to a person of another server: its own server must vouch for it.
        refused(
                teacher,
                serve("posts", page("https://elsewhere.example/users/eve", group, "Forged", "x")),
                "REMOTE_UNREACHABLE");
        // A document that claims the id of another server's object.
        String impostor = peer.origin() + "/posts/impostor-" + suffix;
        peer.documents.put(
                "/posts/impostor-" + suffix,
                page(ana, group, "Impostor", "x").put("id", "https://elsewhere.example/posts/1"));
        refused(teacher, impostor, "REMOTE_UNREACHABLE");
        // A reply whose thread is gone, and an object that is not there.
        refused(teacher, serve("comments", note(ana, peer.origin() + "/posts/gone-" + suffix, "Orphan")), "NOT_FOUND");
        refused(teacher, peer.origin() + "/posts/missing-" + suffix, "NOT_FOUND");
        assertEquals(before, contentRows(), "nothing stored by a refused resolve");

        // Row 33 of docs/permissions.md: anonymous callers, and outsiders of a private community.
        GraphQL.anonymous(RESOLVE, Map.of("q", status)).body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
        User owner = Api.user("owner");
        String secret = Api.thread(owner, Api.community(owner, "PRIVATE"), "Staff room");
        String secretUrl = objectApId(secret, "Thread");
        refused(teacher, secretUrl, "NOT_FOUND");
        assertEquals(secret, resolvedId(owner, secretUrl));
    }

    /**
     * A server can name any community in what it serves: a thread for a community on a third
     * server is taken only from that community's server (or its Announce), while a reply in a
     * thread already here is taken as the inbox takes it.
     */
    @Test
    void aThreadClaimingACommunityOnAThirdServerIsNotTaken() {
        try (StubPeer far = new StubPeer()) {
            String group = far.actor("far" + suffix, "Group");
            String zoe = far.actor("zoe" + suffix, "Person");
            String ana = peer.actor("ana" + suffix, "Person");
            User teacher = Api.user("teacher");
            long before = contentRows();

            refused(teacher, serve("posts", page(ana, group, "Claimed", "<p>Spam</p>")), "INVALID_INPUT");
            assertEquals(before, contentRows(), "nothing stored");

            String thread = far.origin() + "/posts/" + suffix;
            far.documents.put(
                    "/posts/" + suffix,
                    page(zoe, group, "Far thread", "<p>Hello</p>")
                            .put("@context", "https://www.w3.org/ns/activitystreams")
                            .put("id", thread));
            GraphQL.as(teacher.token(), RESOLVE, Map.of("q", thread))
                    .body("errors", nullValue())
                    .body("data.resolve.title", equalTo("Far thread"));
            GraphQL.as(teacher.token(), RESOLVE, Map.of("q", serve("comments", note(ana, thread, "From next door"))))
                    .body("errors", nullValue())
                    .body("data.resolve.thread.title", equalTo("Far thread"));
            assertEquals(before + 1, contentRows(), "the reply, from this stub's server");
        }
    }

    private static void refused(User user, String url, String code) {
        GraphQL.as(user.token(), RESOLVE, Map.of("q", url))
                .body("data.resolve", nullValue())
                .body("errors[0].extensions.code", equalTo(code));
    }

    /** The group answers this instance's Follow (a join of a remote community waits for it). */
    private void accepted(String group, String groupName) {
        assertEquals(1, deliveredMentioning("Follow", "\"object\":\"" + group + "\""));
        JsonObject follow = new JsonObject(Rows.string(
                db,
                "select body from delivery where body like ? and body like ?",
                "%\"type\":\"Follow\"%",
                "%\"object\":\"" + group + "\"%"));
        follow.remove("@context");
        JsonObject accept = activity("Accept", group, follow);
        assertEquals(202, signed(groupName, "/inbox", accept, false).statusCode());
        processed(accept.getString("id"));
        assertEquals("DONE", state(accept.getString("id")));
    }

    private static String resolvedId(User user, String url) {
        return resolvedId(user, url, "id");
    }

    private static String resolvedId(User user, String url, String field) {
        return GraphQL.as(user.token(), RESOLVE, Map.of("q", url))
                .body("errors", nullValue())
                .extract()
                .path("data.resolve." + field);
    }

    private String serve(String kind, JsonObject object) {
        String path = "/" + kind + "/" + UUID.randomUUID();
        String id = peer.origin() + path;
        peer.documents.put(
                path,
                object.put("@context", "https://www.w3.org/ns/activitystreams")
                        .put("id", id)
                        .put("published", "2026-01-05T10:00:" + String.format("%02d", served++) + "Z"));
        return id;
    }

    private static JsonObject page(String author, String group, String name, String html) {
        return new JsonObject()
                .put("type", "Page")
                .put("attributedTo", author)
                .put("name", name)
                .put("content", html)
                .put("audience", group)
                .put("to", new JsonArray().add(group).add(PUBLIC));
    }

    private static JsonObject note(String author, String inReplyTo, String text) {
        return new JsonObject()
                .put("type", "Note")
                .put("attributedTo", author)
                .put("inReplyTo", inReplyTo)
                .put("content", "<p>" + text + "</p>")
                .put("to", new JsonArray().add(PUBLIC));
    }

    private long contentRows() {
        return Rows.count(db, "select count(*) from content where ap_id like ?", peer.origin() + "/%");
    }

    private static int port() {
        return peer.server.actualPort();
    }
}
