package org.lyceum.community;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.lyceum.support.Api;
import org.lyceum.support.Api.User;
import org.lyceum.support.GraphQL;
import org.lyceum.support.Rows;

/** Happy paths and bad input of the community mutations; who may do what is in PermissionsTest. */
@QuarkusTest
class CommunityMutationsTest {

    private static final String CREATE = "mutation($input: CreateCommunityInput!) { createCommunity(input: $input) "
            + "{ community { id name handle title summary iconUrl visibility local myRole myMembership memberCount } } }";
    private static final String UPDATE = "mutation($input: UpdateCommunityInput!) { updateCommunity(input: $input) "
            + "{ community { title summary iconUrl visibility } } }";
    private static final String JOIN = "mutation($input: CommunityIdInput!) { joinCommunity(input: $input) "
            + "{ community { myRole myMembership memberCount } } }";
    private static final String LEAVE = "mutation($input: CommunityIdInput!) { leaveCommunity(input: $input) "
            + "{ community { myRole myMembership memberCount } } }";
    private static final String DECIDE = "mutation($input: DecideJoinRequestInput!) { decideJoinRequest(input: $input) "
            + "{ community { memberCount } member { role state person { username } } } }";
    private static final String SET_ROLE =
            "mutation($input: SetMemberRoleInput!) { setMemberRole(input: $input) " + "{ member { role } } }";
    private static final String TRANSFER =
            "mutation($input: TransferCommunityInput!) { transferCommunity(input: $input) "
                    + "{ community { myRole } } }";

    @Inject
    DataSource db;

    @Test
    void createCommunityMakesTheCallerItsOwner() {
        User owner = Api.user("owner");
        String name = Api.unique("maths").toLowerCase(Locale.ROOT);
        Api.call(
                        owner,
                        CREATE,
                        Map.of(
                                "input",
                                Map.of(
                                        "name",
                                        name,
                                        "title",
                                        "  Maths teachers ",
                                        "summary",
                                        "Sharing",
                                        "iconUrl",
                                        "https://example.org/icon.png")))
                .body("errors", nullValue())
                .body("data.createCommunity.community.name", equalTo(name))
                .body("data.createCommunity.community.handle", equalTo(name))
                .body("data.createCommunity.community.title", equalTo("Maths teachers"))
                .body("data.createCommunity.community.visibility", equalTo("PUBLIC"))
                .body("data.createCommunity.community.local", equalTo(true))
                .body("data.createCommunity.community.myRole", equalTo("OWNER"))
                .body("data.createCommunity.community.myMembership", equalTo("JOINED"))
                .body("data.createCommunity.community.memberCount", equalTo(1));
        assertEquals(
                1,
                Rows.count(
                        db,
                        "select count(*) from community where name = ? and ap_id = 'https://lyceum.test/communities/' || id",
                        name));
        assertEquals(
                1,
                Rows.count(
                        db,
                        "select count(*) from activity a join community c on c.id = a.community_id"
                                + " where c.name = ? and a.verb = 'CREATE'",
                        name));
    }

    @Test
    void badCommunityInputIsRefusedAndNothingIsWritten() {
        User owner = Api.user("owner");
        long before = Rows.count(db, "select count(*) from community");
        assertInvalid(owner, Map.of("name", "No Capitals", "title", "t"), "name");
        assertInvalid(owner, Map.of("name", "ab", "title", "t"), "name");
        assertInvalid(owner, Map.of("name", Api.unique("ok"), "title", " "), "title");
        assertInvalid(owner, Map.of("name", Api.unique("ok"), "title", "x".repeat(101)), "title");
        assertInvalid(
                owner, Map.of("name", Api.unique("ok"), "title", "t", "iconUrl", "javascript:alert(1)"), "iconUrl");
        assertInvalid(owner, Map.of("name", Api.unique("ok"), "title", "t", "summary", "x".repeat(5001)), "summary");
        assertEquals(before, Rows.count(db, "select count(*) from community"));
        assertEquals(
                0,
                Rows.count(
                        db,
                        "select count(*) from membership m where not exists (select 1 from community c where c.id = m.community_id)"));
    }

    @Test
    void aTakenNameIsAConflict() {
        User owner = Api.user("owner");
        String name = Api.unique("taken");
        Api.ok(owner, CREATE, Map.of("name", name, "title", "First"), "data.createCommunity.community.id");
        Api.call(owner, CREATE, Map.of("input", Map.of("name", name, "title", "Second")))
                .body("data.createCommunity", nullValue())
                .body("errors[0].extensions.code", equalTo("CONFLICT"))
                .body("errors[0].extensions.field", equalTo("name"));
        assertEquals(1, Rows.count(db, "select count(*) from community where name = ?", name));
    }

    @Test
    void anonymousCallersMustSignIn() {
        GraphQL.anonymous("mutation { createCommunity(input: {name: \"anon_c\", title: \"t\"}) { community { id } } }")
                .body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
    }

    @Test
    void updateCommunityChangesOnlyTheGivenFields() {
        User owner = Api.user("owner");
        String id = Api.ok(
                owner,
                CREATE,
                Map.of("name", Api.unique("upd"), "title", "Old", "summary", "Keep me"),
                "data.createCommunity.community.id");
        Api.call(owner, UPDATE, Map.of("input", Map.of("id", id, "title", "New", "visibility", "UNLISTED")))
                .body("errors", nullValue())
                .body("data.updateCommunity.community.title", equalTo("New"))
                .body("data.updateCommunity.community.summary", equalTo("Keep me"))
                .body("data.updateCommunity.community.visibility", equalTo("UNLISTED"));
        Api.call(owner, UPDATE, Map.of("input", Map.of("id", id, "summary", "")))
                .body("data.updateCommunity.community.summary", nullValue());
        Api.call(owner, UPDATE, Map.of("input", Map.of("id", id, "iconUrl", "ftp://example.org/x.png")))
                .body("errors[0].extensions.code", equalTo("INVALID_INPUT"))
                .body("errors[0].extensions.field", equalTo("iconUrl"));
        Api.call(owner, UPDATE, Map.of("input", Map.of("id", "not-an-id", "title", "x")))
                .body("errors[0].extensions.code", equalTo("INVALID_INPUT"))
                .body("errors[0].extensions.field", equalTo("id"));
    }

    @Test
    void joiningAPublicCommunityIsImmediateAndLeavingUndoesIt() {
        User owner = Api.user("owner");
        User member = Api.user("member");
        String id = Api.community(owner, "PUBLIC");
        Api.call(member, JOIN, Map.of("input", Map.of("id", id)))
                .body("errors", nullValue())
                .body("data.joinCommunity.community.myRole", equalTo("MEMBER"))
                .body("data.joinCommunity.community.myMembership", equalTo("JOINED"))
                .body("data.joinCommunity.community.memberCount", equalTo(2));
        Api.call(member, JOIN, Map.of("input", Map.of("id", id)))
                .body("data.joinCommunity.community.memberCount", equalTo(2));
        Api.call(member, LEAVE, Map.of("input", Map.of("id", id)))
                .body("errors", nullValue())
                .body("data.leaveCommunity.community.myMembership", nullValue())
                .body("data.leaveCommunity.community.memberCount", equalTo(1));
    }

    @Test
    void theOwnerCannotLeaveWithoutHandingOver() {
        User owner = Api.user("owner");
        String id = Api.community(owner, "PUBLIC");
        Api.call(owner, LEAVE, Map.of("input", Map.of("id", id)))
                .body("errors[0].extensions.code", equalTo("CONFLICT"));
    }

    @Test
    void aPrivateCommunityTakesJoinRequestsThatModeratorsDecide() {
        User owner = Api.user("owner");
        User asker = Api.user("asker");
        User refused = Api.user("refused");
        String id = Api.community(owner, "PRIVATE");
        Api.call(asker, JOIN, Map.of("input", Map.of("id", id)))
                .body("data.joinCommunity.community.myMembership", equalTo("PENDING"))
                .body("data.joinCommunity.community.myRole", nullValue())
                .body("data.joinCommunity.community.memberCount", nullValue());
        Api.call(refused, JOIN, Map.of("input", Map.of("id", id))).body("errors", nullValue());

        Api.call(
                        owner,
                        "query($id: ID!) { node(id: $id) { ... on Community { joinRequests { totalCount edges { node { person { username } state } } } } } }",
                        Map.of("id", id))
                .body("errors", nullValue())
                .body("data.node.joinRequests.totalCount", equalTo(2))
                .body("data.node.joinRequests.edges[0].node.person.username", equalTo(asker.username()));

        Api.call(
                        owner,
                        DECIDE,
                        Map.of("input", Map.of("communityId", id, "personId", asker.personId(), "approve", true)))
                .body("errors", nullValue())
                .body("data.decideJoinRequest.member.state", equalTo("JOINED"))
                .body("data.decideJoinRequest.member.role", equalTo("MEMBER"))
                .body("data.decideJoinRequest.community.memberCount", equalTo(2));
        Api.call(
                        owner,
                        DECIDE,
                        Map.of("input", Map.of("communityId", id, "personId", refused.personId(), "approve", false)))
                .body("errors", nullValue())
                .body("data.decideJoinRequest.member", nullValue());
        Api.call(
                        owner,
                        DECIDE,
                        Map.of("input", Map.of("communityId", id, "personId", refused.personId(), "approve", true)))
                .body("errors[0].extensions.code", equalTo("NOT_FOUND"));
        assertEquals(
                0,
                Rows.count(
                        db,
                        "select count(*) from membership where person_id = (select person_id from account a "
                                + "join person p on p.id = a.person_id where p.username = ?)",
                        refused.username()));
    }

    @Test
    void theOwnerSetsRolesAndHandsTheCommunityOver() {
        User owner = Api.user("owner");
        User member = Api.user("member");
        User outsider = Api.user("outsider");
        String id = Api.community(owner, "PUBLIC");
        Api.join(member, id);

        Api.call(
                        owner,
                        SET_ROLE,
                        Map.of("input", Map.of("communityId", id, "personId", member.personId(), "role", "MODERATOR")))
                .body("errors", nullValue())
                .body("data.setMemberRole.member.role", equalTo("MODERATOR"));
        Api.call(
                        owner,
                        SET_ROLE,
                        Map.of("input", Map.of("communityId", id, "personId", member.personId(), "role", "OWNER")))
                .body("errors[0].extensions.field", equalTo("role"));
        Api.call(
                        owner,
                        SET_ROLE,
                        Map.of(
                                "input",
                                Map.of("communityId", id, "personId", outsider.personId(), "role", "MODERATOR")))
                .body("errors[0].extensions.code", equalTo("INVALID_INPUT"))
                .body("errors[0].extensions.field", equalTo("personId"));
        Api.call(owner, TRANSFER, Map.of("input", Map.of("communityId", id, "personId", outsider.personId())))
                .body("errors[0].extensions.field", equalTo("personId"));

        Api.call(owner, TRANSFER, Map.of("input", Map.of("communityId", id, "personId", member.personId())))
                .body("errors", nullValue())
                .body("data.transferCommunity.community.myRole", equalTo("MODERATOR"));
        Api.call(member, "query($id: ID!) { node(id: $id) { ... on Community { myRole } } }", Map.of("id", id))
                .body("data.node.myRole", equalTo("OWNER"));
        assertEquals(
                1,
                Rows.count(
                        db,
                        "select count(*) from membership m join community c on c.id = m.community_id"
                                + " where m.role = 'OWNER' and c.id = (select id from community where ap_id like '%' || ?)",
                        org.lyceum.common.GlobalId.decode("id", id).uuid().toString()));
    }

    private static void assertInvalid(User user, Map<String, Object> input, String field) {
        Api.call(user, CREATE, Map.of("input", input))
                .body("data.createCommunity", nullValue())
                .body("errors[0].extensions.code", equalTo("INVALID_INPUT"))
                .body("errors[0].extensions.field", equalTo(field));
    }
}
