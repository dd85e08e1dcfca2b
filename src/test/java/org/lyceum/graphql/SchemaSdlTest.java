package org.lyceum.graphql;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/schema.graphql is the frontend's copy of the contract. When the schema changes on purpose,
 * refresh it with {@code ./mvnw test -Dtest=SchemaSdlTest -Dlyceum.update-schema=true}.
 */
@QuarkusTest
class SchemaSdlTest {

    private static final Path DOC = Path.of("docs/schema.graphql");

    @Test
    void theDocumentedSchemaIsTheServedSchema() throws Exception {
        String served = given().get("/graphql/schema.graphql")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        if (Boolean.getBoolean("lyceum.update-schema")) {
            Files.writeString(DOC, served);
        }
        String documented = Files.exists(DOC) ? Files.readString(DOC) : "(missing)";
        assertEquals(
                documented,
                served,
                "docs/schema.graphql is stale; refresh it with "
                        + "./mvnw test -Dtest=SchemaSdlTest -Dlyceum.update-schema=true and review the diff");
    }
}
