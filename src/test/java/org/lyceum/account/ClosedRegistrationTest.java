package org.lyceum.account;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.lyceum.support.GraphQL;
import org.lyceum.support.Rows;
import org.lyceum.support.Tokens;

@QuarkusTest
@TestProfile(ClosedRegistrationTest.Closed.class)
class ClosedRegistrationTest {

    public static class Closed implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lyceum.registration.policy", "closed");
        }
    }

    @Inject
    DataSource db;

    @Test
    void nobodyNewGetsAnAccountAndNothingIsWritten() {
        GraphQL.anonymous("{ instance { registrationPolicy } }")
                .body("data.instance.registrationPolicy", equalTo("CLOSED"));
        Tokens.Builder lena = Tokens.user("lena");
        GraphQL.as(lena.sign(), "{ me { username } }")
                .body("data.me", nullValue())
                .body("errors[0].extensions.code", equalTo("REGISTRATION_CLOSED"));
        assertEquals(0, Rows.count(db, "select count(*) from account where subject = ?", lena.subject()));
        assertEquals(0, Rows.count(db, "select count(*) from person where username = 'lena'"));
    }

    @Test
    void existingAccountsKeepWorking() {
        UUID person = UUID.randomUUID();
        Tokens.Builder mei = Tokens.user("mei");
        Rows.execute(
                db,
                "insert into person (id, ap_id, username, display_name) values (?, ?, 'mei', 'Mei')",
                person,
                "https://lyceum.test/people/" + person);
        Rows.execute(
                db,
                "insert into account (id, person_id, subject) values (?, ?, ?)",
                UUID.randomUUID(),
                person,
                mei.subject());

        GraphQL.as(mei.sign(), "{ me { username } }")
                .body("errors", nullValue())
                .body("data.me.username", equalTo("mei"));
    }
}
