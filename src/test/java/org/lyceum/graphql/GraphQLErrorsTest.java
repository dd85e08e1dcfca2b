package org.lyceum.graphql;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lyceum.support.GraphQL;

@QuarkusTest
class GraphQLErrorsTest {

    @Test
    void aQueryThatDoesNotParseIsABadQuery() {
        GraphQL.anonymous("{ instance { name }")
                .statusCode(200)
                .body("errors[0].extensions.code", equalTo("BAD_QUERY"))
                .body("errors[0].message", containsString("Invalid syntax"));
    }

    @Test
    void theLegacyGraphqlContentTypeIsGuardedToo() {
        given().contentType("application/graphql")
                .body("{ instance { name } }".getBytes(StandardCharsets.UTF_8))
                .post("/graphql")
                .then()
                .statusCode(200)
                .body("data.instance.name", equalTo("Lyceum Test"));
        given().contentType("application/graphql")
                .body("{ instance { name }".getBytes(StandardCharsets.UTF_8))
                .post("/graphql")
                .then()
                .statusCode(200)
                .body("errors[0].extensions.code", equalTo("BAD_QUERY"));
    }

    @Test
    void aFieldTheSchemaLacksIsABadQuery() {
        GraphQL.anonymous("{ instance { nme } }")
                .statusCode(200)
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("BAD_QUERY"))
                .body("errors[0].message", containsString("nme"));
    }

    @Test
    void aBodyThatIsNotJsonOrHasNoQueryIsRefusedWith400() {
        given().contentType("application/json")
                .body("{\"query\": ")
                .post("/graphql")
                .then()
                .statusCode(400)
                .body("errors[0].extensions.code", equalTo("BAD_QUERY"))
                .body("errors[0].message", equalTo("the request body is not a JSON object"));
        given().contentType("application/json")
                .body("[1, 2]")
                .post("/graphql")
                .then()
                .statusCode(400)
                .body("errors[0].extensions.code", equalTo("BAD_QUERY"));
        given().contentType("application/json")
                .body(Map.of("operationName", "x"))
                .post("/graphql")
                .then()
                .statusCode(400)
                .body("errors[0].message", containsString("no \"query\""));
    }

    @Test
    void anOversizedBodyIsRefusedWith413() {
        String padding = "#".repeat(1_100_000);
        given().contentType("application/json")
                .body(Map.of("query", "{ instance { name } }\n" + padding))
                .post("/graphql")
                .then()
                .statusCode(413);
    }

    @Test
    void errorsNeverCarryStackTracesOrClassNames() {
        GraphQL.anonymous("{ instance { nme } }")
                .body("errors[0].extensions.exception", nullValue())
                .body(not(containsString("java.")))
                .body(not(containsString("Exception")));
    }
}
