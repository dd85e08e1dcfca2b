package org.lyceum.discussion;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.lyceum.support.Api;
import org.lyceum.support.Api.User;
import org.lyceum.support.Rows;

/** Threads and comments: happy paths, nesting, tombstones and bad input; denials are in PermissionsTest. */
@QuarkusTest
class DiscussionMutationsTest {

    private static final String THREAD = "query($id: ID!) { thread(id: $id) { title commentCount about { id } "
            + "comments { totalCount edges { node { content deleted author { username } replyCount "
            + "inReplyTo { id } } } } } }";

    @Inject
    DataSource db;

    @Test
    void aThreadStartsWithItsFirstCommentAndMayBeAboutAResource() {
        User owner = Api.user("owner");
        String community = Api.community(owner, "PUBLIC");
        String resource = Api.resource(owner, Api.collection(owner, community), "Fractions");
        String thread = Api.ok(
                owner,
                "mutation($input: CreateThreadInput!) { createThread(input: $input) "
                        + "{ thread { id title commentCount author { username } community { id } } } }",
                Map.of(
                        "communityId",
                        community,
                        "title",
                        "How do you teach halves?",
                        "content",
                        "Pizza works.",
                        "aboutId",
                        resource),
                "data.createThread.thread.id");
        Api.call(owner, THREAD, Map.of("id", thread))
                .body("errors", nullValue())
                .body("data.thread.title", equalTo("How do you teach halves?"))
                .body("data.thread.about.id", equalTo(resource))
                .body("data.thread.commentCount", equalTo(1))
                .body("data.thread.comments.edges.node.content", contains("Pizza works."))
                .body("data.thread.comments.edges[0].node.inReplyTo", nullValue());
    }

    @Test
    void repliesNestAndADeletedCommentLeavesATombstone() {
        User owner = Api.user("owner");
        User member = Api.user("member");
        String community = Api.community(owner, "PUBLIC");
        Api.join(member, community);
        String thread = Api.thread(owner, community, "Homework?");
        String answer = Api.reply(member, thread, "Less is more.");
        String nested = Api.reply(owner, answer, "Agreed.");

        Api.ok(
                member,
                "mutation($input: UpdateCommentInput!) { updateComment(input: $input) { comment { content } } }",
                Map.of("id", answer, "content", "Less is more, mostly."),
                "data.updateComment.comment.content");
        Api.ok(
                member,
                "mutation($input: DeleteObjectInput!) { deleteObject(input: $input) { deletedId } }",
                Map.of("id", answer),
                "data.deleteObject.deletedId");

        Api.call(owner, THREAD, Map.of("id", thread))
                .body("errors", nullValue())
                .body("data.thread.commentCount", equalTo(2))
                .body("data.thread.comments.totalCount", equalTo(3))
                .body("data.thread.comments.edges.node.deleted", contains(false, true, false))
                .body("data.thread.comments.edges[1].node.content", nullValue())
                .body("data.thread.comments.edges[1].node.author", nullValue())
                .body("data.thread.comments.edges[1].node.inReplyTo.id", equalTo(thread))
                .body("data.thread.comments.edges[2].node.inReplyTo.id", equalTo(answer))
                .body("data.thread.comments.edges[2].node.content", equalTo("Agreed."));
        assertEquals(
                0, Rows.count(db, "select count(*) from content where body is not null and deleted_at is not null"));

        Api.call(
                        owner,
                        "mutation($input: CreateReplyInput!) { createReply(input: $input) { comment { id } } }",
                        Map.of("input", Map.of("inReplyTo", answer, "content", "Too late")))
                .body("errors[0].extensions.code", equalTo("INVALID_INPUT"))
                .body("errors[0].extensions.field", equalTo("inReplyTo"));
        Api.call(
                        owner,
                        "mutation($input: UpdateCommentInput!) { updateComment(input: $input) { comment { id } } }",
                        Map.of("input", Map.of("id", nested, "content", " ")))
                .body("errors[0].extensions.field", equalTo("content"));
    }

    @Test
    void aDeletedThreadTakesItsCommentsWithIt() {
        User owner = Api.user("owner");
        String community = Api.community(owner, "PUBLIC");
        String thread = Api.thread(owner, community, "Soon gone");
        String comment = Api.reply(owner, thread, "Also gone");
        Api.ok(
                owner,
                "mutation($input: DeleteObjectInput!) { deleteObject(input: $input) { deletedId } }",
                Map.of("id", thread),
                "data.deleteObject.deletedId");
        Api.call(
                        owner,
                        "query($t: ID!, $c: ID!) { thread(id: $t) { id } node(id: $c) { id } }",
                        Map.of("t", thread, "c", comment))
                .body("errors", nullValue())
                .body("data.thread", nullValue())
                .body("data.node", nullValue());
        Api.call(
                        owner,
                        "mutation($input: CreateReplyInput!) { createReply(input: $input) { comment { id } } }",
                        Map.of("input", Map.of("inReplyTo", comment, "content", "Hello?")))
                .body("errors[0].extensions.field", equalTo("inReplyTo"));
    }

    @Test
    void badThreadInputNamesTheFieldAndWritesNothing() {
        User owner = Api.user("owner");
        String community = Api.community(owner, "PUBLIC");
        String otherCommunityResource =
                Api.resource(owner, Api.collection(owner, Api.community(owner, "PUBLIC")), "Elsewhere");
        long before = Rows.count(db, "select count(*) from content");
        String create = "mutation($input: CreateThreadInput!) { createThread(input: $input) { thread { id } } }";
        for (Object[] bad : new Object[][] {
            {Map.of("communityId", community, "title", "", "content", "x"), "title"},
            {Map.of("communityId", community, "title", "t", "content", ""), "content"},
            {Map.of("communityId", community, "title", "t", "content", "x".repeat(20_001)), "content"},
            {
                Map.of("communityId", community, "title", "t", "content", "x", "aboutId", otherCommunityResource),
                "aboutId"
            },
            {Map.of("communityId", community, "title", "t", "content", "x", "aboutId", community), "aboutId"}
        }) {
            Api.call(owner, create, Map.of("input", bad[0]))
                    .body("errors[0].extensions.code", equalTo("INVALID_INPUT"))
                    .body("errors[0].extensions.field", equalTo(bad[1]));
        }
        assertEquals(before, Rows.count(db, "select count(*) from content"), Arrays.toString(new long[] {before}));
    }
}
