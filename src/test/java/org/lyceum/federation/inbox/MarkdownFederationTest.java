package org.lyceum.federation.inbox;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lyceum.common.GlobalId;
import org.lyceum.support.Api;
import org.lyceum.support.Rows;

/**
 * Text across servers: our HTML goes out with its Markdown as {@code source} and mentions as tags
 * (the mentioned person addressed and delivered to); Mastodon's and Lemmy's payloads come in
 * sanitized, not flattened, with their mentions of people here as rows.
 */
@QuarkusTest
class MarkdownFederationTest extends InboxFixture {

    private static final String AP = "application/activity+json";

    private String personApId(Api.User u) {
        return "https://lyceum.test/people/" + GlobalId.uuid("id", u.personId(), "Person");
    }

    @Test
    void aMentionOfSomeoneElsewhereIsTaggedAddressedAndDeliveredWithTheMarkdownSource() {
        Api.User owner = Api.user("owner");
        String community = Api.community(owner, "PUBLIC");
        String group = communityApId(community);
        follow(mallory, group);
        String thread = Api.thread(owner, community, "Fractions");
        publisher.drain().await().atMost(Duration.ofSeconds(20));
        String host = URI.create(mallory).getRawAuthority();
        String md = "Thanks **@mallory@" + host + "**, see @nobody_here@" + host + ".";
        String reply = Api.reply(owner, thread, md);
        String replyApId = objectApId(reply, "Comment");

        JsonObject note = new JsonObject(given().accept(AP)
                .get(URI.create(replyApId).getPath())
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertEquals(
                "<p>Thanks <strong><a href=\"" + mallory + "\" rel=\"nofollow ugc noopener\">@mallory@" + host
                        + "</a></strong>, see @nobody_here@" + host + ".</p>",
                note.getString("content"));
        assertEquals("text/html", note.getString("mediaType"));
        assertEquals(
                new JsonObject().put("content", md).put("mediaType", "text/markdown"), note.getJsonObject("source"));
        assertEquals(
                new JsonArray()
                        .add(new JsonObject()
                                .put("type", "Mention")
                                .put("href", mallory)
                                .put("name", "@mallory@" + host)),
                note.getJsonArray("tag"));
        assertTrue(note.getJsonArray("cc").contains(mallory), note.encode());

        publisher.drain().await().atMost(Duration.ofSeconds(20));
        String create = Rows.string(
                db,
                "select body from delivery where inbox = ? and signer = ? and body like ? and body like ?",
                peer.origin() + "/inbox",
                personApId(owner),
                "%\"type\":\"Create\"%",
                "%" + replyApId + "%");
        JsonObject activity = new JsonObject(create);
        assertTrue(activity.getJsonArray("cc").contains(mallory), "the mentioned person is addressed: " + create);
        assertEquals(
                "Mention",
                activity.getJsonObject("object")
                        .getJsonArray("tag")
                        .getJsonObject(0)
                        .getString("type"));
        assertEquals(2, deliveredMentioning("Announce", replyApId), "and the group announces it as before (twice)");
    }

    @Test
    void aMentionInAPrivateCommunityStaysInside() {
        Api.User owner = Api.user("owner");
        String community = Api.community(owner, "PRIVATE");
        String group = communityApId(community);
        String thread = Api.thread(owner, community, "Inside");
        String host = URI.create(mallory).getRawAuthority();
        // mallory is known here from the other tests' follows or this one's.
        follow(mallory, communityApId(Api.community(owner, "PUBLIC")));
        String reply = Api.reply(owner, thread, "Hi @mallory@" + host);
        publisher.drain().await().atMost(Duration.ofSeconds(20));
        assertEquals(
                0,
                Rows.count(
                        db,
                        "select count(*) from delivery where body like ?",
                        "%" + objectApId(reply, "Comment") + "%"),
                "nothing of a private community goes to someone who is not in it: " + group);
    }

    @Test
    void aMastodonNoteKeepsItsMarkupAndItsMentionOfSomeoneHereIsARow() {
        Api.User owner = Api.user("owner");
        String community = Api.community(owner, "PUBLIC");
        String group = communityApId(community);
        follow(mallory, group);
        String thread = Api.thread(owner, community, "Fractions");
        String ownerApId = personApId(owner);
        String noteId = id("statuses");
        // As Mastodon 4 sends a reply that mentions someone.
        JsonObject note = new JsonObject()
                .put("id", noteId)
                .put("type", "Note")
                .put("attributedTo", mallory)
                .put("inReplyTo", objectApId(thread, "Thread"))
                .put(
                        "content",
                        "<p><span class=\"h-card\" translate=\"no\"><a href=\"" + ownerApId
                                + "\" class=\"u-url mention\">@<span>" + owner.username()
                                + "</span></a></span> see <a href=\"https://example.org/x\" target=\"_blank\""
                                + " rel=\"nofollow noopener noreferrer\" translate=\"no\"><span class=\"invisible\">https://"
                                + "</span><span class=\"\">example.org/x</span><span class=\"invisible\"></span></a></p>"
                                + "<p>line two<br />and <code>code</code> <img src=\"https://cdn.example/e.png\" alt=\":blob:\"></p>")
                .put("contentMap", new JsonObject().put("en", "…"))
                .put(
                        "tag",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("type", "Mention")
                                        .put("href", ownerApId)
                                        .put("name", "@" + owner.username() + "@lyceum.test"))
                                .add(new JsonObject()
                                        .put("type", "Hashtag")
                                        .put("href", "https://x/tags/a")
                                        .put("name", "#a")))
                .put("to", new JsonArray().add(PUBLIC))
                .put("cc", new JsonArray().add(group).add(ownerApId));
        JsonObject create = activity("Create", mallory, note);
        assertEquals(202, signed("mallory", "/inbox", create, false).statusCode());
        processed(create.getString("id"));
        assertEquals("DONE", state(create.getString("id")));
        String body = Rows.string(db, "select body from content where ap_id = ?", noteId);
        assertEquals(
                "<p><a href=\"" + ownerApId + "\" rel=\"nofollow ugc noopener\">@" + owner.username()
                        + "</a> see <a href=\"https://example.org/x\" rel=\"nofollow ugc noopener\">https://example.org/x</a></p>"
                        + "<p>line two<br>and <code>code</code> :blob:</p>",
                body);
        assertEquals(body, Rows.string(db, "select body_html from content where ap_id = ?", noteId));
        assertEquals(
                1,
                Rows.count(
                        db,
                        "select count(*) from mention m join content c on c.id = m.content_id join person p on p.id = m.person_id"
                                + " where c.ap_id = ? and p.ap_id = ?",
                        noteId,
                        ownerApId));
        Api.call(
                        owner,
                        "query($id: ID!) { thread(id: $id) { comments { edges { node { content contentHtml } } } } }",
                        Map.of("id", thread))
                .body("errors", nullValue())
                .body("data.thread.comments.edges.node.contentHtml", hasItem(body));

        // A replay adds nothing; an edit that drops the markup but keeps the tag keeps the mention row.
        assertEquals(
                202,
                signed("mallory", "/inbox", activity("Create", mallory, note), false)
                        .statusCode());
        JsonObject update = activity("Update", mallory, note.copy().put("content", "<p>Edited <em>text</em></p>"));
        signed("mallory", "/inbox", update, false);
        processed(update.getString("id"));
        assertEquals(
                "<p>Edited <em>text</em></p>",
                Rows.string(db, "select body_html from content where ap_id = ?", noteId));
        assertEquals(
                1,
                Rows.count(
                        db,
                        "select count(*) from mention m join content c on c.id = m.content_id where c.ap_id = ?",
                        noteId));

        // An edit whose tags no longer name them drops the mention row.
        JsonObject untagged = activity(
                "Update",
                mallory,
                note.copy()
                        .put("content", "<p>Edited again</p>")
                        .put("tag", new io.vertx.core.json.JsonArray())
                        .put("updated", java.time.Instant.now().toString()));
        signed("mallory", "/inbox", untagged, false);
        processed(untagged.getString("id"));
        assertEquals("<p>Edited again</p>", Rows.string(db, "select body_html from content where ap_id = ?", noteId));
        assertEquals(
                0,
                Rows.count(
                        db,
                        "select count(*) from mention m join content c on c.id = m.content_id where c.ap_id = ?",
                        noteId));
    }

    @Test
    void aLemmyPageAndNoteKeepTheirMarkdownSource() {
        Api.User owner = Api.user("owner");
        String community = Api.community(owner, "PUBLIC");
        String group = communityApId(community);
        follow(mallory, group);
        String pageId = id("post");
        // As Lemmy 0.19 sends a post: HTML content, its Markdown as source.
        JsonObject page = new JsonObject()
                .put("id", pageId)
                .put("type", "Page")
                .put("attributedTo", mallory)
                .put("name", "Ratios")
                .put("content", "<p><strong>Ratios</strong> with <a href=\"https://example.org\">links</a></p>\n")
                .put("mediaType", "text/html")
                .put(
                        "source",
                        new JsonObject()
                                .put(
                                        "content",
                                        "**Ratios** with [links](https://example.org)\n\n| a | b |\n|---|---|\n| 1 | 2 |")
                                .put("mediaType", "text/markdown"))
                .put("to", new JsonArray().add(group).add(PUBLIC))
                .put("cc", new JsonArray())
                .put("audience", group);
        JsonObject create = activity("Create", mallory, page);
        assertEquals(
                202,
                signed(
                                "mallory",
                                "/communities/" + GlobalId.uuid("id", community, "Community") + "/inbox",
                                create,
                                false)
                        .statusCode());
        processed(create.getString("id"));
        assertEquals("DONE", state(create.getString("id")));
        UUID threadId = UUID.fromString(Rows.string(db, "select id::text from content where ap_id = ?", pageId));
        assertEquals(
                "**Ratios** with [links](https://example.org)\n\n| a | b |\n|---|---|\n| 1 | 2 |",
                Rows.string(db, "select body from content where thread_id = ? and in_reply_to is null", threadId));
        String html =
                Rows.string(db, "select body_html from content where thread_id = ? and in_reply_to is null", threadId);
        assertTrue(
                html.startsWith(
                        "<p><strong>Ratios</strong> with <a href=\"https://example.org\" rel=\"nofollow ugc noopener\">links</a></p>"),
                html);
        assertTrue(html.contains("<td>2</td>"), "rendered here from the source: " + html);

        // A Lemmy comment: a Note with source.
        String commentId = id("comment");
        JsonObject comment = new JsonObject()
                .put("id", commentId)
                .put("type", "Note")
                .put("attributedTo", mallory)
                .put("inReplyTo", pageId)
                .put("content", "<p>Agreed, <code>x</code></p>\n")
                .put("mediaType", "text/html")
                .put("source", new JsonObject().put("content", "Agreed, `x`").put("mediaType", "text/markdown"))
                .put("to", new JsonArray().add(PUBLIC))
                .put("cc", new JsonArray().add(group))
                .put("audience", group);
        JsonObject createComment = activity("Create", mallory, comment);
        signed("mallory", "/inbox", createComment, false);
        processed(createComment.getString("id"));
        assertEquals("Agreed, `x`", Rows.string(db, "select body from content where ap_id = ?", commentId));
        assertEquals(
                "<p>Agreed, <code>x</code></p>",
                Rows.string(db, "select body_html from content where ap_id = ?", commentId));

        // Announced on by the group: the Markdown it came with, not our HTML, is the source.
        publisher.drain().await().atMost(Duration.ofSeconds(20));
        JsonObject announce = new JsonObject(Rows.string(
                db,
                "select body from delivery where body like ? and body like ? and body like ?",
                "%\"type\":\"Announce\"%",
                "%\"type\":\"Create\"%",
                "%" + pageId + "%"));
        JsonObject sent = announce.getJsonObject("object").getJsonObject("object");
        assertEquals(
                new JsonObject()
                        .put(
                                "content",
                                "**Ratios** with [links](https://example.org)\n\n| a | b |\n|---|---|\n| 1 | 2 |")
                        .put("mediaType", "text/markdown"),
                sent.getJsonObject("source"));
        assertEquals(html, sent.getString("content"));
    }

    @Test
    void actorSummariesAreHtmlWithTheirMarkdown() {
        Api.User owner = Api.user("owner");
        Api.call(
                        owner,
                        "mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { person { id } } }",
                        Map.of("input", Map.of("summary", "I teach *maths* & <b>more</b>")))
                .body("errors", nullValue());
        given().accept(AP)
                .get(URI.create(personApId(owner)).getPath())
                .then()
                .statusCode(200)
                .body("summary", equalTo("<p>I teach <em>maths</em> &amp; &lt;b&gt;more&lt;/b&gt;</p>"))
                .body("source.content", equalTo("I teach *maths* & <b>more</b>"))
                .body("source.mediaType", equalTo("text/markdown"));
        String community = Api.ok(
                owner,
                "mutation($input: CreateCommunityInput!) { createCommunity(input: $input) { community { id } } }",
                Map.of("name", Api.unique("c"), "title", "T", "summary", "<script>alert(1)</script>"),
                "data.createCommunity.community.id");
        String summary = given().accept(AP)
                .get(URI.create(communityApId(community)).getPath())
                .then()
                .statusCode(200)
                .extract()
                .path("summary");
        assertEquals("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>", summary);
        assertFalse(summary.contains("<script"));
        given().accept(AP).get("/actor").then().statusCode(200).body("summary", startsWith("<p>"));
    }
}
