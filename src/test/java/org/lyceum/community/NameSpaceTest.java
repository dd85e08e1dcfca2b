package org.lyceum.community;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.lyceum.support.Api;
import org.lyceum.support.Api.User;
import org.lyceum.support.GraphQL;
import org.lyceum.support.Rows;
import org.lyceum.support.Tokens;

/**
 * Local people and local communities share one namespace: a name either has is taken for the
 * other, reserved names are nobody's, and a clash from before (made here with SQL) has one answer,
 * the person, and a warning at start-up.
 */
@QuarkusTest
class NameSpaceTest {

    private static final String CREATE =
            "mutation($input: CreateCommunityInput!) { createCommunity(input: $input) { community { id } } }";
    private static final String RESOLVE = "query($q: String!) { resolve(query: $q) { id __typename } }";

    @Inject
    DataSource db;

    @Inject
    NameClashes clashes;

    @Test
    void aCommunityCannotTakeAPersonsName() {
        User ada = Api.user("ada");
        Api.call(ada, CREATE, Map.of("input", Map.of("name", ada.username(), "title", "Mine")))
                .body("errors[0].extensions.code", equalTo("CONFLICT"))
                .body("errors[0].message", containsString("person"));
        assertEquals(0, Rows.count(db, "select count(*) from community where name = ?", ada.username()));
    }

    @Test
    void reservedNamesAreNoCommunitysEither() {
        User ada = Api.user("ada");
        for (String reserved : List.of("admin", "support", "postmaster")) {
            Api.call(ada, CREATE, Map.of("input", Map.of("name", reserved, "title", "Official")))
                    .body("errors[0].extensions.code", equalTo("INVALID_INPUT"))
                    .body("errors[0].message", containsString("reserved"));
        }
        assertEquals(
                0, Rows.count(db, "select count(*) from community where name in ('admin', 'support', 'postmaster')"));
    }

    @Test
    void aPersonCannotTakeACommunitysName() {
        User owner = Api.user("owner");
        String community = Api.community(owner, "PUBLIC");
        String name = Api.communityName(owner, community);
        Tokens.Builder newcomer = Tokens.user(name.toUpperCase(Locale.ROOT));
        GraphQL.as(newcomer.sign(), "{ me { username } }")
                .body("data.me", nullValue())
                .body("errors[0].extensions.code", equalTo("CONFLICT"))
                .body("errors[0].message", containsString("is taken"));
        assertEquals(0, Rows.count(db, "select count(*) from account where subject = ?", newcomer.subject()));

        // A rename at the identity provider to a community's name is not followed, as for a person's.
        User bea = Api.user("bea");
        GraphQL.as(bea.tokens().username(name).sign(), "{ me { username } }")
                .body("errors", nullValue())
                .body("data.me.username", equalTo(bea.username()));
    }

    @Test
    void anOldClashAnswersThePersonAndIsListedAtStartUp() throws Exception {
        User cleo = Api.user("cleo");
        String community = Api.community(cleo, "PUBLIC");
        String name = cleo.username();
        Rows.execute(db, "update community set name = ? where name = ?", name, Api.communityName(cleo, community));
        String handle = "acct:" + name + "@lyceum.test";
        String self = "links.findAll { it.rel == 'self' }";
        given().queryParam("resource", handle)
                .get("/.well-known/webfinger")
                .then()
                .statusCode(200)
                .body(self, hasSize(1))
                .body(self + "[0].properties.'https://www.w3.org/ns/activitystreams#type'", equalTo("Person"))
                .body("aliases", hasSize(1));
        Api.call(cleo, RESOLVE, Map.of("q", "@" + name + "@lyceum.test"))
                .body("errors", nullValue())
                .body("data.resolve.__typename", equalTo("Person"))
                .body("data.resolve.id", equalTo(cleo.personId()));

        List<String> warnings = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(String.valueOf(record.getMessage()));
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger logger = Logger.getLogger(NameClashes.class.getName());
        logger.addHandler(capture);
        try {
            clashes.atStartup(new io.quarkus.runtime.StartupEvent());
            long until = System.currentTimeMillis() + 5_000;
            while (warnings.stream().noneMatch(w -> w.contains(name)) && System.currentTimeMillis() < until) {
                Thread.sleep(50);
            }
        } finally {
            logger.removeHandler(capture);
        }
        assertTrue(warnings.stream().anyMatch(w -> w.contains(name) && w.contains("person")), warnings.toString());
    }
}
