package org.lyceum.text;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.lyceum.common.GlobalId;
import org.lyceum.support.Api;
import org.lyceum.support.Api.User;
import org.lyceum.support.Rows;

/** Markdown through GraphQL: rendered at write time, mentions linked and kept as rows, summaries and descriptions. */
@QuarkusTest
class MarkdownGraphQLTest {

    private static final String REPLY = "mutation($input: CreateReplyInput!) { createReply(input: $input)"
            + " { comment { id content contentHtml } } }";

    @Inject
    DataSource db;

    private static String link(User who) {
        return "<a href=\"https://lyceum.test/people/" + GlobalId.uuid("id", who.personId(), "Person")
                + "\" rel=\"nofollow ugc noopener\">@" + who.username() + "</a>";
    }

    @Test
    void aReplyHasItsHtmlAndItsMentionsOfLocalPeopleBecomeLinksAndRows() {
        User owner = Api.user("owner");
        User bob = Api.user("bob");
        String community = Api.community(owner, "PUBLIC");
        String thread = Api.thread(owner, community, "Halves");
        String unknown = Api.unique("nobody");
        String md = "**Pizza** works, @" + bob.username() + "! Not @" + unknown + ", nor `@" + bob.username()
                + "`.\n\n<script>alert(1)</script>";
        var reply = Api.call(owner, REPLY, Map.of("input", Map.of("inReplyTo", thread, "content", md)))
                .body("errors", nullValue())
                .body("data.createReply.comment.content", equalTo(md))
                .body(
                        "data.createReply.comment.contentHtml",
                        containsString("<strong>Pizza</strong> works, " + link(bob) + "!"))
                .body(
                        "data.createReply.comment.contentHtml",
                        containsString("Not @" + unknown + ", nor <code>@" + bob.username() + "</code>."))
                .body(
                        "data.createReply.comment.contentHtml",
                        containsString("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"));
        String comment = reply.extract().path("data.createReply.comment.id");
        UUID commentId = GlobalId.uuid("id", comment, "Comment");
        UUID bobId = GlobalId.uuid("id", bob.personId(), "Person");
        assertEquals(1, Rows.count(db, "select count(*) from mention where content_id = ?", commentId));
        assertEquals(
                1,
                Rows.count(
                        db, "select count(*) from mention where content_id = ? and person_id = ?", commentId, bobId));

        // An edit that drops the mention drops its row; the HTML follows the new text.
        Api.call(
                        owner,
                        "mutation($input: UpdateCommentInput!) { updateComment(input: $input) { comment { content contentHtml } } }",
                        Map.of("input", Map.of("id", comment, "content", "Pizza _works_.")))
                .body("errors", nullValue())
                .body("data.updateComment.comment.contentHtml", equalTo("<p>Pizza <em>works</em>.</p>"));
        assertEquals(0, Rows.count(db, "select count(*) from mention where content_id = ?", commentId));
    }

    @Test
    void aThreadsFirstPostMentionsTooAndARowFromBeforeV20IsRenderedOnRead() {
        User owner = Api.user("owner");
        User bob = Api.user("bob");
        String community = Api.community(owner, "PUBLIC");
        String thread = Api.ok(
                owner,
                "mutation($input: CreateThreadInput!) { createThread(input: $input) { thread { id } } }",
                Map.of("communityId", community, "title", "Hi", "content", "Hello @" + bob.username() + "@lyceum.test"),
                "data.createThread.thread.id");
        String query = "query($id: ID!) { thread(id: $id) { comments { edges { node { contentHtml } } } } }";
        Api.call(owner, query, Map.of("id", thread))
                .body("errors", nullValue())
                .body(
                        "data.thread.comments.edges[0].node.contentHtml",
                        equalTo("<p>Hello "
                                + link(bob).replace("@" + bob.username() + "<", "@" + bob.username() + "@lyceum.test<")
                                + "</p>"));
        UUID threadId = GlobalId.uuid("id", thread, "Thread");
        assertEquals(
                1,
                Rows.count(
                        db,
                        "select count(*) from mention m join content c on c.id = m.content_id where c.thread_id = ?",
                        threadId));

        Rows.execute(db, "update content set body_html = null, body = '~~old~~ text' where thread_id = ?", threadId);
        Api.call(owner, query, Map.of("id", thread))
                .body("errors", nullValue())
                .body("data.thread.comments.edges[0].node.contentHtml", equalTo("<p><del>old</del> text</p>"));
    }

    @Test
    void summariesAndDescriptionsHaveTheirHtml() {
        User owner = Api.user("owner");
        Api.call(
                        owner,
                        "mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { person { summary summaryHtml } } }",
                        Map.of("input", Map.of("summary", "I teach *maths* <img src=x onerror=alert(1)>")))
                .body("errors", nullValue())
                .body("data.updateProfile.person.summary", equalTo("I teach *maths* <img src=x onerror=alert(1)>"))
                .body(
                        "data.updateProfile.person.summaryHtml",
                        equalTo("<p>I teach <em>maths</em> &lt;img src=x onerror=alert(1)&gt;</p>"));

        String community = Api.ok(
                owner,
                "mutation($input: CreateCommunityInput!) { createCommunity(input: $input) { community { id summaryHtml } } }",
                Map.of("name", Api.unique("c"), "title", "T", "summary", "# Welcome\n\n- one\n- two"),
                "data.createCommunity.community.id");
        Api.call(
                        owner,
                        "query($id: ID!) { node(id: $id) { ... on Community { summaryHtml } } }",
                        Map.of("id", community))
                .body("data.node.summaryHtml", equalTo("<h1>Welcome</h1>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>"));
        Api.call(
                        owner,
                        "mutation($input: UpdateCommunityInput!) { updateCommunity(input: $input) { community { summaryHtml } } }",
                        Map.of("input", Map.of("id", community, "summary", "[site](javascript:alert(1))")))
                .body("errors", nullValue())
                .body("data.updateCommunity.community.summaryHtml", equalTo("<p>site</p>"));

        String collection = Api.ok(
                owner,
                "mutation($input: CreateCollectionInput!) { createCollection(input: $input) { collection { id } } }",
                Map.of("communityId", community, "title", "C", "summary", "See https://example.org"),
                "data.createCollection.collection.id");
        String resource = Api.ok(
                owner,
                "mutation($input: CreateResourceInput!) { createResource(input: $input) { resource { id } } }",
                Map.of(
                        "collectionId",
                        collection,
                        "title",
                        "R",
                        "url",
                        "https://example.org/r",
                        "description",
                        "~~a~~ b"),
                "data.createResource.resource.id");
        Api.call(
                        owner,
                        "query($c: ID!, $r: ID!) { collection(id: $c) { summaryHtml } resource(id: $r) { descriptionHtml"
                                + " collection { summaryHtml } } }",
                        Map.of("c", collection, "r", resource))
                .body("errors", nullValue())
                .body(
                        "data.collection.summaryHtml",
                        equalTo(
                                "<p>See <a href=\"https://example.org\" rel=\"nofollow ugc noopener\">https://example.org</a></p>"))
                .body("data.resource.collection.summaryHtml", containsString("<a href"))
                .body("data.resource.descriptionHtml", equalTo("<p><del>a</del> b</p>"));
        Api.call(
                        owner,
                        "mutation($input: UpdateResourceInput!) { updateResource(input: $input) { resource { descriptionHtml } } }",
                        Map.of("input", Map.of("id", resource, "description", "**new**")))
                .body("errors", nullValue())
                .body("data.updateResource.resource.descriptionHtml", equalTo("<p><strong>new</strong></p>"))
                .body("data.updateResource.resource.descriptionHtml", not(containsString("del")));
    }
}
