package org.lyceum.federation.publish;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.lyceum.common.GlobalId;
import org.lyceum.media.Media;
import org.lyceum.media.MediaPurpose;
import org.lyceum.media.MediaRows;
import org.lyceum.support.Api;
import org.lyceum.support.Api.User;
import org.lyceum.support.Rows;

/** The objects and collections local actors link to, as peers fetch them. */
@QuarkusTest
class CollectionsTest {

    private static final String AP = "application/activity+json";

    @Inject
    DataSource db;

    @Inject
    MediaRows mediaRows;

    @Test
    void aCommunityHasAnOutboxOfAnnouncesFollowersModeratorsAndFeatured() {
        User owner = Api.user("owner");
        User member = Api.user("member");
        String community = Api.community(owner, "PUBLIC");
        Api.join(member, community);
        String thread = Api.thread(member, community, "Photosynthesis");
        UUID id = GlobalId.uuid("id", community, "Community");
        String group = "https://lyceum.test/communities/" + id;
        String page = given().accept(AP)
                .get("/communities/" + id + "/outbox")
                .then()
                .statusCode(200)
                .body("type", equalTo("OrderedCollection"))
                .body("totalItems", equalTo(1))
                .extract()
                .path("first");
        given().accept(AP)
                .get(page.replace("https://lyceum.test", ""))
                .then()
                .statusCode(200)
                .body("type", equalTo("OrderedCollectionPage"))
                .body("orderedItems", hasSize(1))
                .body("orderedItems[0].type", equalTo("Announce"))
                .body("orderedItems[0].actor", equalTo(group))
                .body("orderedItems[0].object.type", equalTo("Create"))
                .body("orderedItems[0].object.object.type", equalTo("Page"))
                .body("orderedItems[0].object.object.name", equalTo("Photosynthesis"))
                .body("orderedItems[0].object.object.audience", equalTo(group))
                .body("next", nullValue());
        given().accept(AP)
                .get("/communities/" + id + "/followers")
                .then()
                .statusCode(200)
                .body("totalItems", equalTo(2));
        given().accept(AP)
                .get("/communities/" + id + "/moderators")
                .then()
                .statusCode(200)
                .body(
                        "orderedItems",
                        contains("https://lyceum.test/people/" + GlobalId.uuid("id", owner.personId(), "Person")));
        given().accept(AP)
                .get("/communities/" + id + "/featured")
                .then()
                .statusCode(200)
                .body("totalItems", equalTo(0));

        UUID threadId = GlobalId.uuid("id", thread, "Thread");
        given().accept(AP)
                .get("/objects/" + threadId)
                .then()
                .statusCode(200)
                .body("type", equalTo("Page"))
                .body("content", equalTo("<p>What do you think?</p>"))
                .body(
                        "attributedTo",
                        equalTo("https://lyceum.test/people/" + GlobalId.uuid("id", member.personId(), "Person")));
        given().accept(AP)
                .get("/communities/" + UUID.randomUUID() + "/outbox")
                .then()
                .statusCode(404);
        given().accept(AP).get("/communities/not-a-uuid/moderators").then().statusCode(404);
    }

    @Test
    void aFileResourceIsADocumentWhoseUrlAndAttachmentAreItsFile() {
        User owner = Api.user("owner");
        String community = Api.community(owner, "PUBLIC");
        String collection = Api.collection(owner, community);
        String linked = Api.resource(owner, collection, "Ratios (a link)");
        String filed = Api.resource(owner, collection, "Ratios (a file)");
        Media file = mediaRows
                .insert(
                        new Media(
                                UUID.randomUUID(),
                                GlobalId.uuid("id", owner.personId(), "Person"),
                                MediaPurpose.RESOURCE,
                                "application/pdf",
                                List.of(Media.FILE),
                                List.of(1234L),
                                "0".repeat(64),
                                "ratios worksheet.pdf",
                                OffsetDateTime.now(ZoneOffset.UTC),
                                null,
                                null),
                        Long.MAX_VALUE)
                .await()
                .indefinitely();
        UUID id = GlobalId.uuid("id", filed, "Resource");
        Rows.execute(db, "update content set url = null, file_id = ? where id = ?", file.id(), id);
        String url = "https://lyceum.test/media/" + file.id() + "/ratios%20worksheet.pdf";
        given().accept(AP)
                .get("/objects/" + id)
                .then()
                .statusCode(200)
                .body("type", equalTo("Document"))
                .body("url", equalTo(url))
                .body("attachment", hasSize(1))
                .body("attachment[0].type", equalTo("Document"))
                .body("attachment[0].url", equalTo(url))
                .body("attachment[0].mediaType", equalTo("application/pdf"))
                .body("attachment[0].name", equalTo("ratios worksheet.pdf"))
                .body("attachment[0].href", nullValue());
        // A link resource is as it was: its url, and the same link as a Link.
        given().accept(AP)
                .get("/objects/" + GlobalId.uuid("id", linked, "Resource"))
                .then()
                .statusCode(200)
                .body("url", startsWith("https://example.org/"))
                .body("attachment[0].type", equalTo("Link"))
                .body("attachment[0].href", startsWith("https://example.org/"))
                .body("attachment[0].url", nullValue());
        // The Create the group announces carries the same object.
        UUID group = GlobalId.uuid("id", community, "Community");
        String page = given().accept(AP)
                .get("/communities/" + group + "/outbox")
                .then()
                .statusCode(200)
                .extract()
                .path("first");
        given().accept(AP)
                .get(page.replace("https://lyceum.test", ""))
                .then()
                .statusCode(200)
                .body("orderedItems.find { it.object.object.name == 'Ratios (a file)' }.object.type", equalTo("Create"))
                .body(
                        "orderedItems.find { it.object.object.name == 'Ratios (a file)' }.object.object.url",
                        equalTo(url))
                .body(
                        "orderedItems.find { it.object.object.name == 'Ratios (a file)' }.object.object.attachment[0].type",
                        equalTo("Document"));
    }

    @Test
    void aPrivateCommunitysCountsAndModeratorsAreNotServed() {
        User owner = Api.user("owner");
        String community = Api.community(owner, "PRIVATE");
        UUID id = GlobalId.uuid("id", community, "Community");
        Api.join(Api.user("member"), community);
        Api.thread(owner, community, "Staff only");
        for (String collection : List.of("followers", "moderators")) {
            given().accept(AP)
                    .get("/communities/" + id + "/" + collection)
                    .then()
                    .statusCode(200)
                    .body("type", equalTo("OrderedCollection"))
                    .body("id", equalTo("https://lyceum.test/communities/" + id + "/" + collection))
                    .body("totalItems", nullValue())
                    .body("orderedItems", nullValue())
                    .body("first", nullValue());
        }
        given().accept(AP)
                .get("/communities/" + id + "/outbox")
                .then()
                .statusCode(200)
                .body("totalItems", equalTo(0));
        given().accept(AP)
                .get("/communities/" + id + "/featured")
                .then()
                .statusCode(200)
                .body("totalItems", equalTo(0));
        // The group itself says only what row 1 lets everyone read, and that it approves followers.
        given().accept(AP)
                .get("/communities/" + id)
                .then()
                .statusCode(200)
                .body("manuallyApprovesFollowers", equalTo(true))
                .body("totalItems", nullValue());
    }

    @Test
    void privateContentIsNotServedAndDeletedContentIsATombstone() {
        User owner = Api.user("owner");
        String secret = Api.thread(owner, Api.community(owner, "PRIVATE"), "Staff only");
        given().accept(AP)
                .get("/objects/" + GlobalId.uuid("id", secret, "Thread"))
                .then()
                .statusCode(404);

        String open = Api.thread(owner, Api.community(owner, "PUBLIC"), "Soon gone");
        Api.ok(
                owner,
                "mutation($input: DeleteObjectInput!) { deleteObject(input: $input) { deletedId } }",
                java.util.Map.of("id", open),
                "data.deleteObject.deletedId");
        given().accept(AP)
                .get("/objects/" + GlobalId.uuid("id", open, "Thread"))
                .then()
                .statusCode(410)
                .body("type", equalTo("Tombstone"))
                .body("formerType", equalTo("Page"));
    }
}
