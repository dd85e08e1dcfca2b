package org.lyceum.account;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.lyceum.support.GraphQL;
import org.lyceum.support.Rows;
import org.lyceum.support.Tokens;

@QuarkusTest
class AccountProvisioningTest {

    private static final String ME = "{ me { username displayName email roles } }";

    @Inject
    DataSource db;

    @Test
    void theFirstAuthenticatedRequestProvisionsAnAccountFromTheTokenClaims() {
        Tokens.Builder amara = Tokens.user("Amara").name("Amara Okafor").roles("user", "moderator", "offline_access");

        GraphQL.as(amara.sign(), ME)
                .body("errors", nullValue())
                .body("data.me.username", equalTo("amara"))
                .body("data.me.displayName", equalTo("Amara Okafor"))
                .body("data.me.email", equalTo("Amara@school.example"))
                .body("data.me.roles", contains("MODERATOR"));

        assertEquals(1, Rows.count(db, "select count(*) from account where subject = ?", amara.subject()));
        assertEquals(
                1,
                Rows.count(
                        db,
                        "select count(*) from person p join account a on a.person_id = p.id "
                                + "where a.subject = ? and p.host is null and p.ap_id = 'https://lyceum.test/people/' || p.id",
                        amara.subject()));

        GraphQL.as(amara.sign(), ME).body("data.me.username", equalTo("amara"));
        assertEquals(1, Rows.count(db, "select count(*) from account where subject = ?", amara.subject()));
    }

    @Test
    void laterRequestsFollowChangedClaims() {
        Tokens.Builder bruno = Tokens.user("bruno").roles("user");
        GraphQL.as(bruno.sign(), ME).body("data.me.roles", empty());

        GraphQL.as(
                        bruno.username("bruno_s")
                                .name("Bruno Silva")
                                .email("bruno.silva@school.example")
                                .roles("admin")
                                .sign(),
                        ME)
                .body("errors", nullValue())
                .body("data.me.username", equalTo("bruno_s"))
                .body("data.me.displayName", equalTo("Bruno Silva"))
                .body("data.me.email", equalTo("bruno.silva@school.example"))
                .body("data.me.roles", contains("ADMIN"));
        assertEquals(1, Rows.count(db, "select count(*) from account where subject = ?", bruno.subject()));
    }

    /** Reads take a plain-SQL path to the viewer; it must follow the token's roles as the entity path does. */
    @Test
    void rolesGrantedOrRevokedAtTheIdentityProviderApplyAtTheNextRead() {
        String jobs = "{ jobs { name } }";
        Tokens.Builder ines = Tokens.user("ines_roles").roles("user");
        GraphQL.as(ines.sign(), jobs).body("errors[0].extensions.code", equalTo("FORBIDDEN"));

        GraphQL.as(ines.roles("admin").sign(), jobs).body("errors", nullValue());
        assertEquals(
                1,
                Rows.count(
                        db, "select count(*) from account where subject = ? and 'admin' = any(roles)", ines.subject()));

        GraphQL.as(ines.roles("user").sign(), jobs).body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        assertEquals(
                0,
                Rows.count(
                        db, "select count(*) from account where subject = ? and 'admin' = any(roles)", ines.subject()));
    }

    @Test
    void aRenameToATakenOrInvalidUsernameKeepsTheOldOne() {
        GraphQL.as(Tokens.user("chiara").sign(), ME).body("data.me.username", equalTo("chiara"));
        Tokens.Builder dmitri = Tokens.user("dmitri");
        GraphQL.as(dmitri.sign(), ME).body("data.me.username", equalTo("dmitri"));

        GraphQL.as(dmitri.username("chiara").sign(), ME)
                .body("errors", nullValue())
                .body("data.me.username", equalTo("dmitri"));
        GraphQL.as(dmitri.username("admin").sign(), ME)
                .body("errors", nullValue())
                .body("data.me.username", equalTo("dmitri"));
    }

    @Test
    void anInvalidUsernameIsInvalidInputAndProvisionsNothing() {
        Tokens.Builder bad = Tokens.user("x").email("x@school.example");
        GraphQL.as(bad.sign(), ME)
                .body("data.me", nullValue())
                .body("errors[0].extensions.code", equalTo("INVALID_INPUT"))
                .body("errors[0].extensions.field", equalTo("preferred_username"))
                .body("errors[0].message", containsString("3 to 30"));
        Tokens.Builder reserved = Tokens.user("instance");
        GraphQL.as(reserved.sign(), ME)
                .body("errors[0].extensions.code", equalTo("INVALID_INPUT"))
                .body("errors[0].message", containsString("reserved"));
        Tokens.Builder missing = Tokens.user("nobody").username(null);
        GraphQL.as(missing.sign(), ME).body("errors[0].extensions.code", equalTo("INVALID_INPUT"));

        assertEquals(
                0,
                Rows.count(
                        db,
                        "select count(*) from account where subject in (?, ?, ?)",
                        bad.subject(),
                        reserved.subject(),
                        missing.subject()));
    }

    @Test
    void aUsernameTakenByAnotherSubjectIsAConflictAndProvisionsNothing() {
        GraphQL.as(Tokens.user("elif").sign(), ME).body("data.me.username", equalTo("elif"));
        Tokens.Builder impostor = Tokens.user("ELIF").email("elif2@school.example");

        GraphQL.as(impostor.sign(), ME)
                .body("data.me", nullValue())
                .body("errors[0].extensions.code", equalTo("CONFLICT"))
                .body("errors[0].message", containsString("'elif' is taken"));
        assertEquals(0, Rows.count(db, "select count(*) from account where subject = ?", impostor.subject()));
        assertEquals(1, Rows.count(db, "select count(*) from person where lower(username) = 'elif'"));
    }

    @Test
    void concurrentFirstRequestsOfOneUserProvisionOneAccount() throws Exception {
        Tokens.Builder fatima = Tokens.user("fatima");
        String token = fatima.sign();
        var pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<String>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(CompletableFuture.supplyAsync(
                        () -> GraphQL.as(token, ME).extract().path("data.me.username"), pool));
            }
            for (CompletableFuture<String> call : calls) {
                assertEquals("fatima", call.get());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(1, Rows.count(db, "select count(*) from account where subject = ?", fatima.subject()));
    }
}
