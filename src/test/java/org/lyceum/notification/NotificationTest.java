package org.lyceum.notification;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.lyceum.common.GlobalId;
import org.lyceum.support.Api;
import org.lyceum.support.Api.User;
import org.lyceum.support.Rows;

/** Every kind of notification made here by its cause, who gets it and who does not, and reading them. */
@QuarkusTest
class NotificationTest {

    static final String LIST = "query($u: Boolean) { notifications(first: 50, unreadOnly: $u) { totalCount"
            + " edges { node { id kind read reason actor { username } community { id } object { id } } } }"
            + " unreadNotificationCount }";
    private static final String MARK =
            "mutation($input: MarkNotificationsReadInput!) { markNotificationsRead(input: $input) }";

    @Inject
    DataSource db;

    @Inject
    org.lyceum.job.Jobs jobs;

    static List<String> kinds(User user) {
        return Api.call(user, LIST, Map.of())
                .body("errors", nullValue())
                .extract()
                .path("data.notifications.edges.node.kind");
    }

    @Test
    void repliesNotifyTheParentsAuthorButNeverThemselves() {
        User owner = Api.user("owner");
        User teacher = Api.user("teacher");
        User other = Api.user("other");
        String community = Api.community(owner, "PUBLIC");
        Api.join(teacher, community);
        Api.join(other, community);
        String thread = Api.thread(teacher, community, "Fractions");
        Api.reply(teacher, thread, "My own follow-up");
        String reply = Api.reply(other, thread, "Halves first");
        Api.call(teacher, LIST, Map.of())
                .body("data.notifications.edges.node.kind", contains("REPLY"))
                .body("data.notifications.edges[0].node.object.id", equalTo(reply))
                .body("data.notifications.edges[0].node.actor.username", equalTo(other.username()))
                .body("data.notifications.edges[0].node.community.id", equalTo(community))
                .body("data.notifications.edges[0].node.read", equalTo(false))
                .body("data.unreadNotificationCount", equalTo(1));
        String answer = Api.reply(teacher, reply, "Why halves?");
        Api.call(other, LIST, Map.of()).body("data.notifications.edges.node.object.id", contains(answer));
        assertEquals(List.of(), kinds(owner), "the community's owner is not told of every reply");
    }

    @Test
    void mentionsNotifyOnceAndOnlyWhoMaySee() {
        User owner = Api.user("owner");
        User ann = Api.user("ann");
        User ben = Api.user("ben");
        User outsider = Api.user("outsider");
        String community = Api.community(owner, "PUBLIC");
        String thread = Api.ok(
                owner,
                "mutation($input: CreateThreadInput!) { createThread(input: $input) { thread { id } } }",
                Map.of("communityId", community, "title", "Marking", "content", "Over to you, @" + ann.username()),
                "data.createThread.thread.id");
        Api.call(ann, LIST, Map.of())
                .body("data.notifications.edges.node.kind", contains("MENTION"))
                .body("data.notifications.edges[0].node.object.id", equalTo(thread))
                .body("data.notifications.edges[0].node.actor.username", equalTo(owner.username()));

        Api.join(ben, community);
        String reply = Api.reply(ben, thread, "Agreed with @" + ann.username() + " and @nobody_here_at_all");
        String update = "mutation($input: UpdateCommentInput!) { updateComment(input: $input) { comment { id } } }";
        Api.ok(
                ben,
                update,
                Map.of("id", reply, "content", "Agreed with @" + ann.username() + " and @" + owner.username()),
                "data.updateComment.comment.id");
        Api.call(ann, LIST, Map.of())
                .body("data.notifications.edges.node.kind", contains("MENTION", "MENTION"))
                .body("data.notifications.edges[0].node.object.id", equalTo(reply));
        Api.call(owner, LIST, Map.of())
                .body("data.notifications.edges.findAll { it.node.kind == 'MENTION' }.node.object.id", contains(reply))
                .body("data.notifications.edges.findAll { it.node.kind == 'REPLY' }.node.object.id", contains(reply));

        String secret = Api.community(owner, "PRIVATE");
        Api.thread(owner, secret, "Ask @" + outsider.username());
        assertEquals(List.of(), kinds(outsider), "no mention from a private community to an outsider");
    }

    @Test
    void nobodyIsToldOfWhatTheyMayNotSee() {
        User owner = Api.user("owner");
        User former = Api.user("former");
        String community = Api.community(owner, "PRIVATE");
        Api.call(
                former,
                "mutation($input: CommunityIdInput!) { joinCommunity(input: $input) { community { id } } }",
                Map.of("input", Map.of("id", community)));
        Api.ok(
                owner,
                "mutation($input: DecideJoinRequestInput!) { decideJoinRequest(input: $input) { community { id } } }",
                Map.of("communityId", community, "personId", former.personId(), "approve", true),
                "data.decideJoinRequest.community.id");
        String thread = Api.thread(former, community, "Staff room");
        Api.ok(
                former,
                "mutation($input: CommunityIdInput!) { leaveCommunity(input: $input) { community { id } } }",
                Map.of("id", community),
                "data.leaveCommunity.community.id");
        Api.reply(owner, thread, "Since you left: agreed.");
        assertEquals(
                List.of("JOIN_DECIDED"),
                kinds(former),
                "no REPLY about a private community's thread to someone who left it");
    }

    @Test
    void joinRequestsDecisionsRolesAndBans() {
        User owner = Api.user("owner");
        User moderator = Api.user("moderator");
        User asker = Api.user("asker");
        User refused = Api.user("refused");
        String community = Api.community(owner, "PRIVATE");
        Api.call(
                moderator,
                "mutation($input: CommunityIdInput!) { joinCommunity(input: $input) { community { id } } }",
                Map.of("input", Map.of("id", community)));
        decide(owner, community, moderator, true);
        for (int i = 0; i < 2; i++) {
            Api.ok(
                    owner,
                    "mutation($input: SetMemberRoleInput!) { setMemberRole(input: $input) { member { role } } }",
                    Map.of("communityId", community, "personId", moderator.personId(), "role", "MODERATOR"),
                    "data.setMemberRole.member.role");
        }
        // The second time changed nothing, and told nobody.
        Api.call(moderator, LIST, Map.of())
                .body("data.notifications.edges.node.kind", contains("ROLE_CHANGED", "JOIN_DECIDED"))
                .body("data.notifications.edges.node.reason", contains("MODERATOR", "approved"))
                .body("data.notifications.edges[0].node.object.id", equalTo(community));

        for (User who : List.of(asker, refused)) {
            Api.call(
                            who,
                            "mutation($input: CommunityIdInput!) { joinCommunity(input: $input) { community { id } } }",
                            Map.of("input", Map.of("id", community)))
                    .body("errors", nullValue());
        }
        String requests = "data.notifications.edges.findAll { it.node.kind == 'JOIN_REQUEST' }.node.actor.username";
        Api.call(owner, LIST, Map.of("u", true))
                .body(requests, containsInAnyOrder(asker.username(), refused.username(), moderator.username()));
        Api.call(moderator, LIST, Map.of("u", true))
                .body(requests, containsInAnyOrder(asker.username(), refused.username()));
        decide(moderator, community, asker, true);
        decide(moderator, community, refused, false);
        Api.call(asker, LIST, Map.of())
                .body("data.notifications.edges.node.kind", contains("JOIN_DECIDED"))
                .body("data.notifications.edges[0].node.reason", equalTo("approved"))
                .body("data.notifications.edges[0].node.actor.username", equalTo(moderator.username()));
        Api.call(refused, LIST, Map.of())
                .body("data.notifications.edges.node.reason", contains("rejected"))
                .body("data.notifications.edges[0].node.object.id", equalTo(community));

        Api.ok(
                moderator,
                "mutation($input: BanInput!) { banFromCommunity(input: $input) { id } }",
                Map.of("communityId", community, "personId", asker.personId(), "reason", "rude"),
                "data.banFromCommunity.id");
        Api.call(asker, LIST, Map.of())
                .body("data.notifications.edges[0].node.kind", equalTo("BANNED"))
                .body("data.notifications.edges[0].node.reason", equalTo("rude"));

        Api.ok(
                owner,
                "mutation($input: TransferCommunityInput!) { transferCommunity(input: $input) { community { id } } }",
                Map.of("communityId", community, "personId", moderator.personId()),
                "data.transferCommunity.community.id");
        Api.call(moderator, LIST, Map.of())
                .body("data.notifications.edges[0].node.kind", equalTo("ROLE_CHANGED"))
                .body("data.notifications.edges[0].node.reason", equalTo("OWNER"));
    }

    @Test
    void followersReportsAndRemovals() {
        User author = Api.user("author");
        User fan = Api.user("fan");
        User owner = Api.user("owner");
        User reader = Api.user("reader");
        User staff = Api.user("staff", "moderator");
        for (String op : List.of("follow", "unfollow", "follow")) {
            Api.ok(
                    fan,
                    "mutation($input: FollowInput!) { " + op + "(input: $input) { target { id } } }",
                    Map.of("id", author.personId()),
                    "data." + op + ".target.id");
        }
        // Following again after unfollowing is not news twice.
        Api.call(author, LIST, Map.of())
                .body("data.notifications.edges.node.kind", contains("NEW_FOLLOWER"))
                .body("data.notifications.edges[0].node.object.id", equalTo(fan.personId()));

        String community = Api.community(owner, "PUBLIC");
        Api.join(author, community);
        String thread = Api.thread(author, community, "Cheap essays");
        Api.ok(
                reader,
                "mutation($input: ReportInput!) { reportObject(input: $input) { id } }",
                Map.of("id", thread, "reason", "spam"),
                "data.reportObject.id");
        for (User told : List.of(owner, staff)) {
            Api.call(told, LIST, Map.of())
                    .body(
                            "data.notifications.edges.findAll { it.node.kind == 'REPORT' }.node.object.id",
                            contains(thread))
                    .body(
                            "data.notifications.edges.findAll { it.node.kind == 'REPORT' }.node.reason",
                            contains("spam"));
        }

        // Staff are told of a report in a private community they cannot read; the object stays hidden.
        String secret = Api.community(owner, "PRIVATE");
        String hidden = Api.thread(owner, secret, "Marks");
        Api.ok(
                owner,
                "mutation($input: ReportInput!) { reportObject(input: $input) { id } }",
                Map.of("id", hidden, "reason", "check this"),
                "data.reportObject.id");
        Api.call(staff, LIST, Map.of())
                .body("data.notifications.edges[0].node.kind", equalTo("REPORT"))
                .body("data.notifications.edges[0].node.reason", equalTo("check this"))
                .body("data.notifications.edges[0].node.object", nullValue());

        Api.ok(
                owner,
                "mutation($input: RemoveObjectInput!) { removeObject(input: $input) }",
                Map.of("id", thread, "reason", "no advertising"),
                "data.removeObject");
        Api.call(author, LIST, Map.of())
                .body("data.notifications.edges[0].node.kind", equalTo("CONTENT_REMOVED"))
                .body("data.notifications.edges[0].node.reason", equalTo("no advertising"))
                // Moderators stay unnamed to the author, as in the modlog (show-moderator-names is off).
                .body("data.notifications.edges[0].node.actor", nullValue())
                .body("data.notifications.edges[0].node.object", nullValue());
        String own = Api.thread(author, community, "Mine");
        Api.ok(
                author,
                "mutation($input: DeleteObjectInput!) { deleteObject(input: $input) { deletedId } }",
                Map.of("id", own),
                "data.deleteObject.deletedId");
        Api.call(author, LIST, Map.of())
                .body("data.notifications.edges", hasSize(2))
                .body("data.notifications.totalCount", equalTo(2));
    }

    @Test
    void row37ReadingAndMarkingOnlyOnesOwn() {
        User teacher = Api.user("teacher");
        User other = Api.user("other");
        String community = Api.community(teacher, "PUBLIC");
        Api.join(other, community);
        String thread = Api.thread(teacher, community, "Fractions");
        for (int i = 0; i < 3; i++) {
            Api.reply(other, thread, "Reply " + i);
        }
        List<String> ids = Api.call(teacher, LIST, Map.of())
                .body("data.unreadNotificationCount", equalTo(3))
                .extract()
                .path("data.notifications.edges.node.id");
        assertEquals(3, ids.size());

        Api.call(teacher, MARK, Map.of("input", Map.of("ids", List.of(ids.get(0)), "all", true)))
                .body("errors[0].extensions.code", equalTo("INVALID_INPUT"));
        Api.call(teacher, MARK, Map.of("input", Map.of())).body("errors[0].extensions.code", equalTo("INVALID_INPUT"));
        Api.call(teacher, MARK, Map.of("input", Map.of("ids", List.of("not an id"))))
                .body("errors[0].extensions.code", equalTo("INVALID_INPUT"));
        Api.call(other, MARK, Map.of("input", Map.of("ids", List.of(ids.get(0)))))
                .body("data.markNotificationsRead", equalTo(0));
        Api.call(teacher, MARK, Map.of("input", Map.of("ids", List.of(ids.get(0)))))
                .body("data.markNotificationsRead", equalTo(1));
        Api.call(teacher, MARK, Map.of("input", Map.of("ids", List.of(ids.get(0)))))
                .body("data.markNotificationsRead", equalTo(0));
        Api.call(teacher, LIST, Map.of("u", true))
                .body("data.notifications.edges", hasSize(2))
                .body("data.unreadNotificationCount", equalTo(2));
        Api.call(teacher, MARK, Map.of("input", Map.of("all", true))).body("data.markNotificationsRead", equalTo(2));
        Api.call(teacher, LIST, Map.of())
                .body("data.unreadNotificationCount", equalTo(0))
                .body("data.notifications.edges.node.read", contains(true, true, true));

        String page = "query($a: String) { notifications(first: 2, after: $a) { edges { node { id } }"
                + " pageInfo { hasNextPage endCursor } } }";
        String cursor = Api.call(teacher, page, Map.of())
                .body("data.notifications.edges.node.id", contains(ids.get(0), ids.get(1)))
                .body("data.notifications.pageInfo.hasNextPage", equalTo(true))
                .extract()
                .path("data.notifications.pageInfo.endCursor");
        Map<String, Object> after = new java.util.HashMap<>();
        after.put("a", cursor);
        Api.call(teacher, page, after).body("data.notifications.edges.node.id", contains(ids.get(2)));

        org.lyceum.support.GraphQL.anonymous("{ unreadNotificationCount }")
                .body("data.unreadNotificationCount", equalTo(0));
        org.lyceum.support.GraphQL.anonymous("{ notifications { totalCount } }")
                .body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
    }

    @Test
    void aPageIsAFewStatementsWhateverItsLength() {
        User teacher = Api.user("teacher");
        String community = Api.community(teacher, "PUBLIC");
        String thread = Api.thread(teacher, community, "Fractions");
        for (int i = 0; i < 12; i++) {
            User other = Api.user("other");
            Api.join(other, community);
            Api.reply(other, thread, "Reply " + i);
        }
        String query = "query($n: Int!) { notifications(first: $n) { edges { node { kind actor { username }"
                + " community { name memberCount } object { id } } } } }";
        long[] counts = new long[2];
        int[] sizes = {2, 12};
        for (int s = 0; s < sizes.length; s++) {
            Map<String, Object> vars = Map.of("n", sizes[s]);
            counts[s] = Long.MAX_VALUE;
            // The fewest of three: a scheduled job may send a statement while one request is counted.
            for (int attempt = 0; attempt < 3; attempt++) {
                long before = org.lyceum.support.StatementCounter.quiet();
                Api.call(teacher, query, vars)
                        .body("errors", nullValue())
                        .body("data.notifications.edges", hasSize(sizes[s]));
                counts[s] = Math.min(counts[s], org.lyceum.support.StatementCounter.count() - before);
            }
        }
        assertEquals(counts[0], counts[1], "statements for 2 notifications vs 12");
        // The caller, the page, its actors, its communities, its objects.
        org.junit.jupiter.api.Assertions.assertTrue(counts[1] <= 5, counts[1] + " statements");
    }

    @Test
    void oldNotificationsArePruned() {
        User teacher = Api.user("teacher");
        User other = Api.user("other");
        String community = Api.community(teacher, "PUBLIC");
        Api.join(other, community);
        String thread = Api.thread(teacher, community, "Fractions");
        Api.reply(other, thread, "Old");
        Api.reply(other, thread, "New");
        String person = GlobalId.uuid("id", teacher.personId(), "Person").toString();
        Rows.execute(
                db,
                "update notification set created_at = now() - interval '91 days' where recipient_id = ?::uuid"
                        + " and seq = (select min(seq) from notification where recipient_id = ?::uuid)",
                person,
                person);
        assertEquals(
                java.util.Optional.of(org.lyceum.job.JobOutcome.SUCCEEDED),
                jobs.runNow(NotificationPrune.JOB).await().atMost(java.time.Duration.ofSeconds(20)));
        assertEquals(1L, Rows.count(db, "select count(*) from notification where recipient_id = ?::uuid", person));
    }

    private static void decide(User moderator, String community, User who, boolean approve) {
        Api.ok(
                moderator,
                "mutation($input: DecideJoinRequestInput!) { decideJoinRequest(input: $input) { community { id } } }",
                Map.of("communityId", community, "personId", who.personId(), "approve", approve),
                "data.decideJoinRequest.community.id");
    }
}
