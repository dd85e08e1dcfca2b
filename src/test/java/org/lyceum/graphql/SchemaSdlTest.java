package org.lyceum.graphql;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.lyceum.support.NodeProject;
import org.lyceum.support.Required;

/**
 * docs/schema.graphql is the frontend's copy of the contract, and this test fails whenever it
 * differs from the schema the application serves.
 *
 * <p>When the schema changes on purpose, refresh the copy with {@code ./mvnw test
 * -Dtest=SchemaSdlTest -Dlyceum.update-schema=true}. Update mode never passes silently: when the
 * copy was stale it is rewritten and the test still fails, saying so, so that a run that changed
 * the contract cannot look like a green one; review the diff and run again without the flag. When
 * the copy was already current, update mode writes nothing and passes. Under CI ({@code
 * LYCEUM_CI=1}) update mode is refused outright: CI checks the contract, it never rewrites it.
 */
@QuarkusTest
class SchemaSdlTest {

    private static final Path DOC = Path.of("docs/schema.graphql");
    private static final String REFRESH = "./mvnw test -Dtest=SchemaSdlTest -Dlyceum.update-schema=true";

    @Test
    void theDocumentedSchemaIsTheServedSchema() throws Exception {
        boolean update = Boolean.getBoolean("lyceum.update-schema");
        assertFalse(
                update && "1".equals(System.getenv("LYCEUM_CI")),
                "-Dlyceum.update-schema=true is refused under CI (LYCEUM_CI=1): CI checks docs/schema.graphql,"
                        + " it never rewrites it");
        String served = given().get("/graphql/schema.graphql")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        String documented = Files.exists(DOC) ? Files.readString(DOC) : "(missing)";
        if (update && !documented.equals(served)) {
            Files.writeString(DOC, served);
            throw new AssertionError("docs/schema.graphql was stale and has been rewritten; review its diff"
                    + " (git diff docs/schema.graphql) and run the tests again without -Dlyceum.update-schema");
        }
        assertEquals(
                documented,
                served,
                "docs/schema.graphql is stale; refresh it with " + REFRESH + " and review the diff");
    }

    /** Introspection tells the same as the SDL: DateTime's specification. */
    @Test
    void introspectionNamesTheDateTimeSpecification() {
        given().contentType("application/json")
                .body("{\"query\":\"{ __type(name: \\\"DateTime\\\") { specifiedByURL } }\"}")
                .post("/graphql")
                .then()
                .statusCode(200)
                .body("errors", org.hamcrest.Matchers.nullValue())
                .body("data.__type.specifiedByURL", org.hamcrest.Matchers.equalTo(ServedSchema.DATE_TIME_SPEC));
    }

    /** The copy loads in graphql-java and in graphql-js: every type it uses is declared. */
    @Test
    void theDocumentedSchemaLoadsInGraphQLTools() throws Exception {
        String documented = Files.readString(DOC);
        TypeDefinitionRegistry types = new SchemaParser().parse(documented);
        UnExecutableSchemaGenerator.makeUnExecutableSchema(types); // throws when a type is not declared
        assertTrue(types.scalars().containsKey("Long"), "64-bit values have a declared scalar");
        assertTrue(
                types.scalars().get("DateTime").hasDirective("specifiedBy"),
                "DateTime names its specification in the SDL");

        NodeProject graphqlJs = new NodeProject("graphql-js");
        String missing = graphqlJs.unavailable("graphql");
        Required.dependency(missing == null, () -> "graphql-js schema loading not tested: " + missing);
        String loaded = graphqlJs.run("build-schema.mjs", DOC.toAbsolutePath().toString());
        assertTrue(loaded.endsWith("types\n"), loaded);
    }
}
