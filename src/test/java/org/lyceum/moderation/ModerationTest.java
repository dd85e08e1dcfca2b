package org.lyceum.moderation;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lyceum.support.Api;
import org.lyceum.support.Api.User;

/** Reports and community bans through GraphQL, allowed and denied (rows 23-25 of docs/permissions.md). */
@QuarkusTest
class ModerationTest {

    private static final String REPORT =
            "mutation($input: ReportInput!) { reportObject(input: $input) { id reason reporter { username }"
                    + " object { id } person { username } } }";
    private static final String REPORTS =
            "query($c: ID) { reports(communityId: $c) { id reason object { id } resolvedAt } }";
    private static final String BAN = "mutation($input: BanInput!) { banFromCommunity(input: $input) { id } }";
    private static final String UNBAN = "mutation($input: UnbanInput!) { unbanFromCommunity(input: $input) { id } }";

    @Test
    void row23and24AnyoneReportsWhatTheySeeAndModeratorsReadIt() {
        User owner = Api.user("owner");
        User author = Api.user("author");
        User reader = Api.user("reader");
        String community = Api.community(owner, "PUBLIC");
        Api.join(author, community);
        String thread = Api.thread(author, community, "Buy cheap essays");
        String report = Api.call(reader, REPORT, Map.of("input", Map.of("id", thread, "reason", "spam")))
                .body("errors", nullValue())
                .body("data.reportObject.reporter.username", equalTo(reader.username()))
                .body("data.reportObject.person.username", equalTo(author.username()))
                .extract()
                .path("data.reportObject.id");
        Api.call(owner, REPORTS, Map.of("c", community))
                .log()
                .ifValidationFails()
                .body("data.reports.reason", contains("spam"))
                .body("data.reports[0].object.id", equalTo(thread));
        Api.call(reader, REPORTS, Map.of("c", community)).body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        Api.call(reader, "{ reports { id } }", Map.of()).body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        Api.call(Api.user("admin", "user", "admin"), "{ reports { id } }", Map.of())
                .body("errors", nullValue());

        Api.call(
                        reader,
                        "mutation($input: ResolveReportInput!) { resolveReport(input: $input) { id } }",
                        Map.of("input", Map.of("id", report)))
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        Api.call(
                        owner,
                        "mutation($input: ResolveReportInput!) { resolveReport(input: $input) { resolvedAt } }",
                        Map.of("input", Map.of("id", report)))
                .body("data.resolveReport.resolvedAt", notNullValue());
        Api.call(owner, REPORTS, Map.of("c", community)).body("data.reports", hasSize(0));

        String secret = Api.thread(owner, Api.community(owner, "PRIVATE"), "Staff only");
        Api.call(reader, REPORT, Map.of("input", Map.of("id", secret)))
                .body("errors[0].extensions.code", equalTo("NOT_FOUND"));
        Api.call(reader, REPORT, Map.of("input", Map.of("id", thread, "reason", "x".repeat(1001))))
                .body("errors[0].extensions.code", equalTo("INVALID_INPUT"));
    }

    @Test
    void row25ModeratorsBanAndTheBannedCannotComeBackUntilUnbanned() {
        User owner = Api.user("owner");
        User moderator = Api.user("moderator");
        User troll = Api.user("troll");
        String community = Api.community(owner, "PUBLIC");
        Api.join(moderator, community);
        Api.join(troll, community);
        Api.ok(
                owner,
                "mutation($input: SetMemberRoleInput!) { setMemberRole(input: $input) { member { role } } }",
                Map.of("communityId", community, "personId", moderator.personId(), "role", "MODERATOR"),
                "data.setMemberRole.member.role");

        Api.call(troll, BAN, Map.of("input", Map.of("communityId", community, "personId", moderator.personId())))
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        Api.call(moderator, BAN, Map.of("input", Map.of("communityId", community, "personId", owner.personId())))
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        Api.call(
                        moderator,
                        BAN,
                        Map.of(
                                "input",
                                Map.of("communityId", community, "personId", troll.personId(), "reason", "trolling")))
                .body("errors", nullValue());
        Api.call(
                        troll,
                        "query($id: ID!) { node(id: $id) { ... on Community { myMembership } } }",
                        Map.of("id", community))
                .body("data.node.myMembership", nullValue());
        Api.call(
                        troll,
                        "mutation($id: ID!) { joinCommunity(input: {id: $id}) { community { id } } }",
                        Map.of("id", community))
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"))
                .body("errors[0].message", equalTo("you are banned from this community"));
        Api.call(troll, "mutation($id: ID!) { follow(input: {id: $id}) { target { id } } }", Map.of("id", community))
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));

        Api.call(troll, UNBAN, Map.of("input", Map.of("communityId", community, "personId", troll.personId())))
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        Api.call(moderator, UNBAN, Map.of("input", Map.of("communityId", community, "personId", troll.personId())))
                .body("errors", nullValue());
        Api.join(troll, community);
    }
}
