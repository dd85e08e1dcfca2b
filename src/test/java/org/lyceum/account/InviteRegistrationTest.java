package org.lyceum.account;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.lyceum.support.GraphQL;
import org.lyceum.support.Rows;
import org.lyceum.support.Tokens;

/** The test profile runs registration by invitation, with school.example as an allowed domain. */
@QuarkusTest
class InviteRegistrationTest {

    private static final String ME = "{ me { username } }";
    private static final String INVITE =
            "mutation($email: String!) { inviteByEmail(input: {email: $email}) { invite { email createdAt acceptedAt } } }";

    @Inject
    DataSource db;

    @Test
    void aVerifiedEmailInAnAllowedDomainRegisters() {
        GraphQL.as(Tokens.user("gita").email("Gita@School.Example").sign(), ME)
                .body("errors", nullValue())
                .body("data.me.username", equalTo("gita"));
    }

    @Test
    void anEmailElsewhereWithoutInviteIsRefusedAndNothingIsWritten() {
        Tokens.Builder hana = Tokens.user("hana").email("hana@elsewhere.example");
        GraphQL.as(hana.sign(), ME)
                .body("data.me", nullValue())
                .body("errors[0].extensions.code", equalTo("REGISTRATION_CLOSED"));
        assertEquals(0, Rows.count(db, "select count(*) from account where subject = ?", hana.subject()));
        assertEquals(0, Rows.count(db, "select count(*) from person where username = 'hana'"));
    }

    @Test
    void anUnverifiedEmailProvesNothing() {
        Tokens.Builder ivan = Tokens.user("ivan").unverified();
        GraphQL.as(ivan.sign(), ME).body("errors[0].extensions.code", equalTo("REGISTRATION_CLOSED"));
        Tokens.Builder noEmail = Tokens.user("ivo").email(null);
        GraphQL.as(noEmail.sign(), ME).body("errors[0].extensions.code", equalTo("REGISTRATION_CLOSED"));
    }

    @Test
    void anAdminInvitesAnEmailWhichThenRegistersOnce() {
        String admin = Tokens.user("headteacher").roles("admin").sign();
        GraphQL.as(admin, INVITE, Map.of("email", " Jonas@Elsewhere.Example "))
                .body("errors", nullValue())
                .body("data.inviteByEmail.invite.email", equalTo("jonas@elsewhere.example"))
                .body("data.inviteByEmail.invite.createdAt", notNullValue())
                .body("data.inviteByEmail.invite.acceptedAt", nullValue());

        Tokens.Builder jonas = Tokens.user("jonas").email("jonas@elsewhere.example");
        GraphQL.as(jonas.sign(), ME).body("errors", nullValue()).body("data.me.username", equalTo("jonas"));
        GraphQL.as(admin, INVITE, Map.of("email", "jonas@elsewhere.example"))
                .body("data.inviteByEmail.invite.acceptedAt", notNullValue());

        // The invite is spent: a second identity with the same address is not admitted by it.
        Tokens.Builder second = Tokens.user("jonas2").email("jonas@elsewhere.example");
        GraphQL.as(second.sign(), ME).body("errors[0].extensions.code", equalTo("REGISTRATION_CLOSED"));
    }

    @Test
    void onlyAdminsInvite() {
        GraphQL.as(Tokens.user("kofi").roles("moderator").sign(), INVITE, Map.of("email", "x@elsewhere.example"))
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        GraphQL.anonymous("mutation { inviteByEmail(input: {email: \"x@elsewhere.example\"}) { invite { email } } }")
                .body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
        assertEquals(0, Rows.count(db, "select count(*) from invite where email = 'x@elsewhere.example'"));
    }

    @Test
    void anInviteNeedsAnEmailAddress() {
        String admin = Tokens.user("principal").roles("admin").sign();
        for (String bad : new String[] {"", "not-an-email", "a@b", "a b@c.example", "x".repeat(250) + "@c.example"}) {
            GraphQL.as(admin, INVITE, Map.of("email", bad))
                    .body("errors[0].extensions.code", equalTo("INVALID_INPUT"))
                    .body("errors[0].extensions.field", equalTo("email"));
        }
    }
}
