package org.lyceum.resource;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.lyceum.support.Api;
import org.lyceum.support.Api.User;
import org.lyceum.support.GraphQL;
import org.lyceum.support.Rows;

/** Collections and resources: happy paths, ordering and bad input; denials are in PermissionsTest. */
@QuarkusTest
class LibraryMutationsTest {

    private static final String CREATE_RESOURCE =
            "mutation($input: CreateResourceInput!) { createResource(input: $input) "
                    + "{ resource { id title description url licence language level subject resourceType attribution position "
                    + "collection { id resourceCount } community { id } author { username } likeCount myLike } } }";
    private static final String UPDATE_RESOURCE =
            "mutation($input: UpdateResourceInput!) { updateResource(input: $input) "
                    + "{ resource { title description url licence level subject } } }";
    private static final String MOVE = "mutation($input: MoveResourceInput!) { moveResource(input: $input) "
            + "{ resource { position collection { id } } } }";
    private static final String TITLES = "query($id: ID!) { collection(id: $id) { resourceCount "
            + "resources { totalCount edges { node { title position } } } } }";

    @Inject
    DataSource db;

    @Test
    void collectionsAreCreatedAndEditedByMembers() {
        User owner = Api.user("owner");
        String community = Api.community(owner, "PUBLIC");
        String id = Api.ok(
                owner,
                "mutation($input: CreateCollectionInput!) { createCollection(input: $input) "
                        + "{ collection { id title summary author { username } community { id } resourceCount } } }",
                Map.of("communityId", community, "title", "Geometry", "summary", "Shapes"),
                "data.createCollection.collection.id");
        Api.call(
                        owner,
                        "mutation($input: UpdateCollectionInput!) { updateCollection(input: $input) { collection { title summary } } }",
                        Map.of("input", Map.of("id", id, "summary", "Shapes and angles")))
                .body("errors", nullValue())
                .body("data.updateCollection.collection.title", equalTo("Geometry"))
                .body("data.updateCollection.collection.summary", equalTo("Shapes and angles"));
        Api.call(
                        owner,
                        "mutation($input: CreateCollectionInput!) { createCollection(input: $input) { collection { id } } }",
                        Map.of("input", Map.of("communityId", community, "title", "")))
                .body("errors[0].extensions.code", equalTo("INVALID_INPUT"))
                .body("errors[0].extensions.field", equalTo("title"));
    }

    @Test
    void aResourceCarriesItsEducationMetadata() {
        User owner = Api.user("owner");
        String collection = Api.collection(owner, Api.community(owner, "PUBLIC"));
        Map<String, Object> input = new HashMap<>(Map.of(
                "collectionId",
                collection,
                "title",
                "Fractions worksheet",
                "description",
                "Halves and quarters",
                "url",
                "https://example.org/fractions.pdf",
                "licence",
                "CC-BY-SA-4.0",
                "language",
                "fr",
                "level",
                1,
                "subject",
                "054",
                "resourceType",
                "WORKSHEET"));
        input.put("attribution", "Ana Lima, Escola Azul");
        Api.call(owner, CREATE_RESOURCE, Map.of("input", input))
                .body("errors", nullValue())
                .body("data.createResource.resource.licence", equalTo("CC-BY-SA-4.0"))
                .body("data.createResource.resource.language", equalTo("fr"))
                .body("data.createResource.resource.level", equalTo(1))
                .body("data.createResource.resource.subject", equalTo("054"))
                .body("data.createResource.resource.resourceType", equalTo("WORKSHEET"))
                .body("data.createResource.resource.attribution", equalTo("Ana Lima, Escola Azul"))
                .body("data.createResource.resource.position", equalTo(0))
                .body("data.createResource.resource.collection.id", equalTo(collection))
                .body("data.createResource.resource.collection.resourceCount", equalTo(1))
                .body("data.createResource.resource.author.username", equalTo(owner.username()));
    }

    @Test
    void badResourceInputNamesTheFieldAndWritesNothing() {
        User owner = Api.user("owner");
        String collection = Api.collection(owner, Api.community(owner, "PUBLIC"));
        long before = Rows.count(db, "select count(*) from content");
        long activities = Rows.count(db, "select count(*) from activity");
        assertInvalid(owner, Map.of("collectionId", collection, "title", "t", "url", "ftp://example.org/x"), "url");
        assertInvalid(owner, Map.of("collectionId", collection, "title", "t", "url", "not a url"), "url");
        assertInvalid(
                owner,
                Map.of("collectionId", collection, "title", "t", "url", "https://example.org", "licence", "WTFPL-9"),
                "licence");
        assertInvalid(
                owner,
                Map.of("collectionId", collection, "title", "t", "url", "https://example.org", "language", "xx"),
                "language");
        assertInvalid(
                owner,
                Map.of("collectionId", collection, "title", "t", "url", "https://example.org", "level", 9),
                "level");
        assertInvalid(
                owner,
                Map.of("collectionId", collection, "title", "t", "url", "https://example.org", "subject", "999"),
                "subject");
        assertInvalid(
                owner,
                Map.of(
                        "collectionId",
                        collection,
                        "title",
                        "t",
                        "url",
                        "https://example.org",
                        "resourceType",
                        "POSTER"),
                "resourceType");
        assertInvalid(
                owner,
                Map.of("collectionId", collection, "title", "x".repeat(201), "url", "https://example.org"),
                "title");
        assertInvalid(
                owner,
                Map.of("collectionId", "Q29tbXVuaXR5OjEyMw", "title", "t", "url", "https://example.org"),
                "collectionId");
        assertEquals(before, Rows.count(db, "select count(*) from content"));
        assertEquals(activities, Rows.count(db, "select count(*) from activity"));
    }

    @Test
    void updateResourceChangesOnlyTheGivenFields() {
        User owner = Api.user("owner");
        String resource = Api.resource(owner, Api.collection(owner, Api.community(owner, "PUBLIC")), "Old title");
        Api.call(
                        owner,
                        UPDATE_RESOURCE,
                        Map.of("input", Map.of("id", resource, "title", "New title", "licence", "CC0-1.0")))
                .body("errors", nullValue())
                .body("data.updateResource.resource.title", equalTo("New title"))
                .body("data.updateResource.resource.licence", equalTo("CC0-1.0"))
                .body("data.updateResource.resource.level", equalTo(1));
        Api.call(owner, UPDATE_RESOURCE, Map.of("input", Map.of("id", resource, "licence", "")))
                .body("data.updateResource.resource.licence", nullValue());
        Api.call(owner, UPDATE_RESOURCE, Map.of("input", Map.of("id", resource, "url", "mailto:x@example.org")))
                .body("errors[0].extensions.field", equalTo("url"));
    }

    @Test
    void moveResourceReordersWithinAndAcrossCollections() {
        User owner = Api.user("owner");
        String community = Api.community(owner, "PUBLIC");
        String first = Api.collection(owner, community);
        String second = Api.collection(owner, community);
        String a = Api.resource(owner, first, "A");
        Api.resource(owner, first, "B");
        String c = Api.resource(owner, first, "C");

        Api.call(owner, MOVE, Map.of("input", Map.of("id", c, "position", 0)))
                .body("errors", nullValue())
                .body("data.moveResource.resource.position", equalTo(0));
        Api.call(owner, TITLES, Map.of("id", first))
                .body("data.collection.resources.edges.node.title", contains("C", "A", "B"))
                .body("data.collection.resources.edges.node.position", contains(0, 1, 2));

        Api.call(owner, MOVE, Map.of("input", Map.of("id", a, "collectionId", second, "position", 99)))
                .body("errors", nullValue())
                .body("data.moveResource.resource.position", equalTo(0))
                .body("data.moveResource.resource.collection.id", equalTo(second));
        Api.call(owner, TITLES, Map.of("id", first))
                .body("data.collection.resourceCount", equalTo(2))
                .body("data.collection.resources.edges.node.title", contains("C", "B"))
                .body("data.collection.resources.edges.node.position", contains(0, 1));

        String elsewhere = Api.collection(owner, Api.community(owner, "PUBLIC"));
        Api.call(owner, MOVE, Map.of("input", Map.of("id", a, "collectionId", elsewhere, "position", 0)))
                .body("errors[0].extensions.code", equalTo("INVALID_INPUT"))
                .body("errors[0].extensions.field", equalTo("collectionId"));
        Api.call(owner, MOVE, Map.of("input", Map.of("id", a, "position", -1)))
                .body("errors[0].extensions.field", equalTo("position"));
    }

    @Test
    void vocabulariesAreQueryable() {
        GraphQL.anonymous("{ vocabularies { licences { code label url } languages { code label } levels { code label } "
                        + "subjects { code label parent } resourceTypes { code label } } }")
                .body("errors", nullValue())
                .body("data.vocabularies.licences.code", hasItem("CC-BY-4.0"))
                .body("data.vocabularies.languages.code", hasItem("fr"))
                .body("data.vocabularies.levels.code", equalTo(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8")))
                .body("data.vocabularies.subjects.code", hasItem("054"))
                .body("data.vocabularies.resourceTypes.code", hasItem("WORKSHEET"));
    }

    private static void assertInvalid(User user, Map<String, Object> input, String field) {
        Api.call(user, CREATE_RESOURCE, Map.of("input", input))
                .body("data.createResource", nullValue())
                .body("errors[0].extensions.code", equalTo("INVALID_INPUT"))
                .body("errors[0].extensions.field", equalTo(field));
    }
}
