package org.lyceum.hostile;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lyceum.support.GraphQL;

/** What the hostile suite found, each pinned to the answer it should get (the suite only knows "not a 5xx"). */
@QuarkusTest
class FoundDefectsTest {

    @Test
    void anIntVariableOutOfRangeIsABadQuery() {
        for (Object first : new Object[] {new java.math.BigInteger("9223372036854775808"), 1.5}) {
            GraphQL.anonymous("query($f: Int) { instanceFeed(first: $f) { totalCount } }", Map.of("f", first))
                    .statusCode(200)
                    .body("errors", hasSize(1))
                    .body("errors[0].extensions.code", equalTo("BAD_QUERY"));
        }
    }

    @Test
    void aNulInTextThatReachesTheDatabaseIsInvalidInput() {
        GraphQL.anonymous("query($u: String!) { person(username: $u) { id } }", Map.of("u", "a\u0000b"))
                .statusCode(200)
                .body("errors[0].extensions.code", equalTo("INVALID_INPUT"))
                .body("errors[0].message", containsString("NUL"));
    }

    @Test
    void envelopeMembersOfTheWrongTypeAre400() {
        for (String body : new String[] {
            "{\"query\": \"{ instance { name } }\", \"operationName\": 5}",
            "{\"query\": \"{ instance { name } }\", \"variables\": [1]}",
            "{\"query\": \"{ instance { name } }\", \"extensions\": \"x\"}"
        }) {
            given().contentType("application/json")
                    .body(body)
                    .post("/graphql")
                    .then()
                    .statusCode(400)
                    .body("errors[0].extensions.code", equalTo("BAD_QUERY"));
        }
    }

    @Test
    void aBodyIsReadInItsDeclaredCharset() {
        byte[] utf16 = "{\"query\": \"{ instance { name } }\"}".getBytes(StandardCharsets.UTF_16);
        given().contentType("application/json; charset=UTF-16")
                .body(utf16)
                .post("/graphql")
                .then()
                .statusCode(200)
                .body("data.instance.name", equalTo("Lyceum Test"));
        given().contentType("application/json; charset=no-such-charset")
                .body("{\"query\": \"{ instance { name } }\"}".getBytes(StandardCharsets.UTF_8))
                .post("/graphql")
                .then()
                .statusCode(415)
                .body("errors[0].extensions.code", equalTo("BAD_QUERY"));
    }
}
