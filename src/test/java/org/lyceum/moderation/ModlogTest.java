package org.lyceum.moderation;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lyceum.support.Api;
import org.lyceum.support.Api.User;
import org.lyceum.support.GraphQL;

/** The moderation log: each action writes its entry, and who may read which log (rows 40 of docs/permissions.md). */
@QuarkusTest
class ModlogTest {

    static final String LOG = "query($c: ID, $after: String) { modlog(communityId: $c, first: 2, after: $after) {"
            + " edges { cursor node { id action reason expiresAt domain moderator { id } targetPerson { id }"
            + " community { id } target { id } } } pageInfo { hasNextPage endCursor } } }";
    private static final String BAN = "mutation($input: BanInput!) { banFromCommunity(input: $input) { id } }";
    private static final String UNBAN = "mutation($input: UnbanInput!) { unbanFromCommunity(input: $input) { id } }";

    @Test
    void row40ACommunityLogIsAsVisibleAsItsContentAndNamesModeratorsToStaffOnly() {
        User owner = Api.user("owner");
        User troll = Api.user("troll");
        User reader = Api.user("reader");
        User staff = Api.user("staff", "user", "moderator");
        String community = Api.community(owner, "PUBLIC");
        Api.join(troll, community);
        Api.call(
                        owner,
                        BAN,
                        Map.of(
                                "input",
                                Map.of("communityId", community, "personId", troll.personId(), "reason", "trolling")))
                .body("errors", nullValue());
        Api.call(owner, UNBAN, Map.of("input", Map.of("communityId", community, "personId", troll.personId())))
                .body("errors", nullValue());
        // Unbanning someone not banned logs nothing.
        Api.call(owner, UNBAN, Map.of("input", Map.of("communityId", community, "personId", troll.personId())))
                .body("errors", nullValue());

        GraphQL.anonymous(LOG, Map.of("c", community))
                .body("errors", nullValue())
                .body("data.modlog.edges.node.action", contains("UNBAN", "BAN"))
                .body("data.modlog.edges[1].node.reason", equalTo("trolling"))
                .body("data.modlog.edges[1].node.targetPerson.id", equalTo(troll.personId()))
                .body("data.modlog.edges[1].node.target.id", equalTo(troll.personId()))
                .body("data.modlog.edges[1].node.community.id", equalTo(community))
                .body("data.modlog.edges[1].node.moderator", nullValue());
        Api.call(reader, LOG, Map.of("c", community)).body("data.modlog.edges[1].node.moderator", nullValue());
        Api.call(staff, LOG, Map.of("c", community))
                .body("data.modlog.edges[1].node.moderator.id", equalTo(owner.personId()));
        String entry = Api.call(reader, LOG, Map.of("c", community)).extract().path("data.modlog.edges[0].node.id");
        Api.call(reader, "query($id: ID!) { node(id: $id) { ... on ModlogEntry { action } } }", Map.of("id", entry))
                .body("data.node.action", equalTo("UNBAN"));

        String secret = Api.community(owner, "PRIVATE");
        Api.call(reader, LOG, Map.of("c", secret)).body("errors[0].extensions.code", equalTo("NOT_FOUND"));
        GraphQL.anonymous(LOG, Map.of("c", secret)).body("errors[0].extensions.code", equalTo("NOT_FOUND"));
        Api.call(owner, LOG, Map.of("c", secret)).body("errors", nullValue());
        Api.call(reader, LOG, Map.of("c", "bm90IGFuIGlk")).body("errors[0].extensions.code", equalTo("INVALID_INPUT"));
        Api.call(reader, LOG, Map.of("c", community, "after", "bm9wZQ"))
                .body("errors[0].extensions.code", equalTo("INVALID_INPUT"));
        GraphQL.anonymous(LOG, Map.of()).body("errors", nullValue());
    }

    @Test
    void roleChangesFeaturesAndResolvedReportsAreLoggedAndPagesFollowEachOther() {
        User owner = Api.user("owner");
        User member = Api.user("member");
        String community = Api.community(owner, "PUBLIC");
        Api.join(member, community);
        Api.ok(
                owner,
                "mutation($input: SetMemberRoleInput!) { setMemberRole(input: $input) { member { role } } }",
                Map.of("communityId", community, "personId", member.personId(), "role", "MODERATOR"),
                "data.setMemberRole.member.role");
        String thread = Api.thread(member, community, "Pinned notes");
        Api.call(
                        owner,
                        "mutation($id: ID!) { featureObject(input: {id: $id, scope: COMMUNITY}) }",
                        Map.of("id", thread))
                .body("errors", nullValue());
        String report = Api.call(
                        owner,
                        "mutation($input: ReportInput!) { reportObject(input: $input) { id } }",
                        Map.of("input", Map.of("id", thread, "reason", "spam")))
                .extract()
                .path("data.reportObject.id");
        Api.call(
                        member,
                        "mutation($input: ResolveReportInput!) { resolveReport(input: $input) { id } }",
                        Map.of("input", Map.of("id", report)))
                .body("errors", nullValue());

        var first = GraphQL.anonymous(LOG, Map.of("c", community))
                .body("data.modlog.edges.node.action", contains("REPORT_RESOLVED", "FEATURE"))
                .body("data.modlog.edges[1].node.target.id", equalTo(thread))
                .body("data.modlog.edges[1].node.targetPerson.id", equalTo(member.personId()))
                .body("data.modlog.pageInfo.hasNextPage", equalTo(true));
        String after = first.extract().path("data.modlog.pageInfo.endCursor");
        GraphQL.anonymous(LOG, Map.of("c", community, "after", after))
                .body("data.modlog.edges.node.action", contains("ROLE_CHANGE"))
                .body("data.modlog.edges[0].node.reason", equalTo("MODERATOR"))
                .body("data.modlog.pageInfo.hasNextPage", equalTo(false));
    }

    @Test
    void featuringOnTheInstanceGoesToTheInstanceLog() {
        User admin = Api.user("admin", "user", "admin");
        String community = Api.community(admin, "PUBLIC");
        String feature = "mutation($id: ID!) { featureObject(input: {id: $id, scope: INSTANCE}) }";
        Api.call(admin, feature, Map.of("id", community)).body("errors", nullValue());
        Api.call(admin, feature.replace("featureObject", "unfeatureObject"), Map.of("id", community))
                .body("errors", nullValue());
        GraphQL.anonymous(LOG, Map.of())
                .body("data.modlog.edges.node.action", contains("UNFEATURE", "FEATURE"))
                .body("data.modlog.edges.node.target.id", contains(community, community))
                .body("data.modlog.edges.node.community", contains(nullValue(), nullValue()));
    }

    @Test
    void domainBlocksGoToTheInstanceLogObfuscatedWhenTheBlockIs() {
        User admin = Api.user("admin", "user", "admin");
        String open = Api.unique("open").replace('_', '-') + ".example";
        String hidden = Api.unique("hidden").replace('_', '-') + ".example";
        String block = "mutation($d: String!, $o: Boolean) { blockDomain(input: {domain: $d, severity: SUSPEND,"
                + " obfuscate: $o, publicComment: \"spam\"}) { domain } }";
        Api.call(admin, block, Map.of("d", open, "o", false)).body("errors", nullValue());
        Api.call(admin, block, Map.of("d", hidden, "o", true)).body("errors", nullValue());
        Api.call(admin, "mutation($d: String!) { unblockDomain(input: {domain: $d}) }", Map.of("d", hidden))
                .body("data.unblockDomain", equalTo(true));
        String masked = org.lyceum.federation.policy.DomainBlockCsv.obfuscated(hidden);
        GraphQL.anonymous(LOG, Map.of())
                .body("data.modlog.edges.node.action", contains("DOMAIN_UNBLOCK", "DOMAIN_BLOCK"))
                .body("data.modlog.edges.node.domain", contains(masked, masked))
                .body("data.modlog.edges.node.domain", not(hasItem(hidden)))
                .body("data.modlog.edges[1].node.reason", equalTo("spam"));
        // As Mastodon's DomainBlock#public_domain: a quarter at each end and the dots stay.
        org.junit.jupiter.api.Assertions.assertEquals(
                "exa****.*om", org.lyceum.federation.policy.DomainBlockCsv.obfuscated("example.com"));
    }
}
