package org.lyceum.moderation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lyceum.support.Api;
import org.lyceum.support.Api.User;
import org.lyceum.support.GraphQL;

/** Instance suspensions, the suspended caller, community bans with an end and the staff's people list (rows 41-44). */
@QuarkusTest
class SuspensionTest {

    static final String SUSPEND = "mutation($input: SuspendPersonInput!) { suspendPerson(input: $input) { id"
            + " suspendedUntil suspension { reason until } } }";
    static final String UNSUSPEND =
            "mutation($input: UnsuspendPersonInput!) { unsuspendPerson(input: $input) { id suspension { reason } } }";
    private static final String THREADS =
            "query($id: ID!) { node(id: $id) { ... on Community { threads { edges {" + " node { id } } } } } }";
    private static final String SEARCH = "query($f: SearchFilter) { search(filter: $f) { edges { node { id } } } }";
    private static final String INSTANCE_LOG = "{ modlog(first: 5) { edges { node { action reason expiresAt"
            + " targetPerson { id } moderator { id } } } } }";

    @Test
    void row41StaffSuspendAndLiftButNeitherThemselvesNorAnAdminUnlessAdmins() {
        User admin = Api.user("admin", "user", "admin");
        User moderator = Api.user("mod", "user", "moderator");
        User someone = Api.user("someone");
        User target = Api.user("target");
        Map<String, Object> input = Map.of("personId", target.personId(), "reason", "spam");
        GraphQL.anonymous(SUSPEND, Map.of("input", input))
                .body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
        Api.call(someone, SUSPEND, Map.of("input", input)).body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        Api.call(someone, UNSUSPEND, Map.of("input", Map.of("personId", target.personId())))
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        Api.call(moderator, SUSPEND, Map.of("input", Map.of("personId", admin.personId(), "reason", "x")))
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        Api.call(moderator, SUSPEND, Map.of("input", Map.of("personId", moderator.personId(), "reason", "x")))
                .body("errors[0].extensions.code", equalTo("INVALID_INPUT"));
        Api.call(
                        moderator,
                        SUSPEND,
                        Map.of(
                                "input",
                                Map.of("personId", target.personId(), "reason", "x", "until", "2001-01-01T00:00:00Z")))
                .body("errors[0].extensions.code", equalTo("INVALID_INPUT"));
        Api.call(moderator, SUSPEND, Map.of("input", Map.of("personId", target.personId(), "reason", "")))
                .body("errors[0].extensions.code", equalTo("INVALID_INPUT"));

        String until = Instant.now().plusSeconds(3600).toString();
        Api.call(
                        moderator,
                        SUSPEND,
                        Map.of("input", Map.of("personId", target.personId(), "reason", "spam", "until", until)))
                .body("errors", nullValue())
                .body("data.suspendPerson.suspendedUntil", notNullValue())
                .body("data.suspendPerson.suspension.reason", equalTo("spam"));
        // Staff see the suspension; others do not, not even that there is one.
        String person = "query($u: String!) { person(username: $u) { suspendedUntil suspension { reason } email } }";
        Api.call(admin, person, Map.of("u", target.username()))
                .body("data.person.suspension.reason", equalTo("spam"))
                .body("data.person.email", notNullValue());
        Api.call(someone, person, Map.of("u", target.username()))
                .body("data.person.suspension", nullValue())
                .body("data.person.suspendedUntil", nullValue())
                .body("data.person.email", nullValue());
        GraphQL.anonymous(INSTANCE_LOG)
                .body("data.modlog.edges[0].node.action", equalTo("SUSPEND"))
                .body("data.modlog.edges[0].node.expiresAt", notNullValue())
                .body("data.modlog.edges[0].node.targetPerson.id", equalTo(target.personId()))
                .body("data.modlog.edges[0].node.moderator", nullValue());

        Api.call(admin, UNSUSPEND, Map.of("input", Map.of("personId", target.personId(), "reason", "appeal")))
                .body("errors", nullValue())
                .body("data.unsuspendPerson.suspension", nullValue());
        Api.call(admin, INSTANCE_LOG, Map.of())
                .body("data.modlog.edges[0].node.action", equalTo("UNSUSPEND"))
                .body("data.modlog.edges[1].node.action", equalTo("SUSPEND"))
                .body("data.modlog.edges[0].node.reason", equalTo("appeal"))
                .body("data.modlog.edges[0].node.moderator.id", equalTo(admin.personId()));
        // Lifting what is not there logs nothing more.
        Api.call(admin, UNSUSPEND, Map.of("input", Map.of("personId", target.personId())))
                .body("errors", nullValue());
        Api.call(admin, INSTANCE_LOG, Map.of()).body("data.modlog.edges[1].node.action", equalTo("SUSPEND"));
    }

    @Test
    void row42ASuspendedCallerHasOnlyMeAndTheirContentIsHiddenUntilTheEnd() throws InterruptedException {
        User staff = Api.user("staff", "user", "moderator");
        User author = Api.user("author");
        User reader = Api.user("reader");
        String community = Api.community(author, "PUBLIC");
        String thread = Api.thread(author, community, "Visible until suspended");
        Api.call(reader, THREADS, Map.of("id", community)).body("data.node.threads.edges.node.id", hasItem(thread));
        Api.call(reader, SEARCH, Map.of("f", Map.of("communityId", community)))
                .body("data.search.edges.node.id", hasItem(thread));

        String until = Instant.now().plusSeconds(4).toString();
        Api.call(
                        staff,
                        SUSPEND,
                        Map.of("input", Map.of("personId", author.personId(), "reason", "cool off", "until", until)))
                .body("errors", nullValue());

        Api.call(author, "{ me { username suspension { reason until } } }", Map.of())
                .body("errors", nullValue())
                .body("data.me.suspension.reason", equalTo("cool off"))
                .body("data.me.suspension.until", notNullValue());
        Api.call(author, "{ homeFeed { edges { cursor } } }", Map.of())
                .body("errors[0].extensions.code", equalTo("SUSPENDED"));
        Api.call(author, "{ unreadNotificationCount }", Map.of())
                .body("errors[0].extensions.code", equalTo("SUSPENDED"));
        given().auth()
                .oauth2(author.token())
                .multiPart(
                        "file", Path.of("src/test/resources/media/banner.gif").toFile())
                .post("/uploads?purpose=ICON")
                .then()
                .statusCode(403)
                .body("code", equalTo("SUSPENDED"));
        Api.call(reader, THREADS, Map.of("id", community))
                .body("data.node.threads.edges.node.id", not(hasItem(thread)));
        Api.call(reader, "query($id: ID!) { node(id: $id) { id } }", Map.of("id", thread))
                .body("data.node", nullValue());
        Api.call(reader, SEARCH, Map.of("f", Map.of("communityId", community)))
                .body("errors", nullValue())
                .body("data.search.edges.node.id", not(hasItem(thread)));
        Api.call(
                        reader,
                        "query($u: String!) { person(username: $u) { contributions { edges { node { id } } } } }",
                        Map.of("u", author.username()))
                .body("data.person.contributions.edges", empty());

        // The suspension ends on its own at until.
        Thread.sleep(Math.max(0, Instant.parse(until).toEpochMilli() - System.currentTimeMillis() + 500));
        Api.call(author, "{ homeFeed { edges { cursor } } }", Map.of()).body("errors", nullValue());
        Api.call(reader, "query($id: ID!) { node(id: $id) { id } }", Map.of("id", thread))
                .body("data.node.id", equalTo(thread));
        Api.call(author, "{ me { suspension { reason } } }", Map.of()).body("data.me.suspension", nullValue());
    }

    @Test
    void row43OnlyStaffListPeopleAndSeeTheirPrivateFields() {
        User staff = Api.user("staff", "user", "moderator");
        User someone = Api.user("someone");
        User quiet = Api.user("quiet");
        String people = "query($f: PeopleFilter, $after: String) { people(filter: $f, first: 1, after: $after) {"
                + " totalCount edges { node { id email lastActiveAt suspendedUntil } } pageInfo { endCursor hasNextPage } } }";
        GraphQL.anonymous(people, Map.of()).body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
        Api.call(someone, people, Map.of()).body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        Api.call(staff, people, Map.of("f", Map.of("query", quiet.username(), "local", true)))
                .body("errors", nullValue())
                .body("data.people.totalCount", equalTo(1))
                .body("data.people.edges[0].node.id", equalTo(quiet.personId()))
                .body("data.people.edges[0].node.email", notNullValue())
                .body("data.people.edges[0].node.lastActiveAt", notNullValue());
        Api.call(staff, people, Map.of("f", Map.of("query", quiet.username(), "local", false)))
                .body("data.people.totalCount", equalTo(0));
        Api.call(staff, SUSPEND, Map.of("input", Map.of("personId", quiet.personId(), "reason", "spam")))
                .body("data.suspendPerson.suspendedUntil", nullValue()) // until lifted: no end
                .body("data.suspendPerson.suspension.until", nullValue());
        Api.call(staff, people, Map.of("f", Map.of("query", quiet.username(), "suspended", true)))
                .body("data.people.totalCount", equalTo(1));
        Api.call(staff, people, Map.of("f", Map.of("query", quiet.username(), "suspended", false)))
                .body("data.people.totalCount", equalTo(0));
        Api.call(staff, people, Map.of("f", Map.of("suspended", true)))
                .body("data.people.pageInfo.hasNextPage", notNullValue());
        // A person sees their own private fields, not someone else's.
        String mine = "query($u: String!) { person(username: $u) { email lastActiveAt } }";
        Api.call(someone, mine, Map.of("u", someone.username())).body("data.person.email", notNullValue());
        Api.call(someone, mine, Map.of("u", staff.username()))
                .body("data.person.email", nullValue())
                .body("data.person.lastActiveAt", nullValue());
        Api.call(staff, people, Map.of("f", Map.of("query", "x".repeat(101))))
                .body("errors[0].extensions.code", equalTo("INVALID_INPUT"));
    }

    @Test
    void row44ABanWithAnEndEndsOnItsOwn() throws InterruptedException {
        User owner = Api.user("owner");
        User member = Api.user("member");
        String community = Api.community(owner, "PUBLIC");
        Api.join(member, community);
        String ban = "mutation($input: BanInput!) { banFromCommunity(input: $input) { id } }";
        Api.call(
                        owner,
                        ban,
                        Map.of(
                                "input",
                                Map.of(
                                        "communityId",
                                        community,
                                        "personId",
                                        member.personId(),
                                        "until",
                                        "2001-01-01T00:00:00Z")))
                .body("errors[0].extensions.code", equalTo("INVALID_INPUT"));
        String until = Instant.now().plusSeconds(3).toString();
        Api.call(
                        owner,
                        ban,
                        Map.of(
                                "input",
                                Map.of("communityId", community, "personId", member.personId(), "until", until)))
                .body("errors", nullValue());
        Api.call(
                        member,
                        "mutation($id: ID!) { joinCommunity(input: {id: $id}) { community { id } } }",
                        Map.of("id", community))
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        GraphQL.anonymous(ModlogTest.LOG, Map.of("c", community))
                .body("data.modlog.edges[0].node.action", equalTo("BAN"))
                .body("data.modlog.edges[0].node.expiresAt", notNullValue());
        Thread.sleep(Math.max(0, Instant.parse(until).toEpochMilli() - System.currentTimeMillis() + 500));
        Api.join(member, community);
        // Over, the ban stops holding everywhere, not only for joining: posting is open again.
        Api.thread(member, community, "Back after the ban");
    }
}
