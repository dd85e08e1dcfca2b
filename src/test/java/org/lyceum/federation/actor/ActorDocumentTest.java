package org.lyceum.federation.actor;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
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

/** Actor documents as fediverse servers fetch them, and the same URLs in a browser. */
@QuarkusTest
class ActorDocumentTest {

    private static final String AP = "application/activity+json";

    @Inject
    DataSource db;

    @Inject
    MediaRows mediaRows;

    @Test
    void aPersonIsAnActivityPubPersonWithAnRsa2048Key() throws Exception {
        User eve = Api.user("eve");
        String apId = personApId(eve);
        String path = apId.replace("https://lyceum.test", "");
        String pem = given().accept(AP)
                .get(path)
                .then()
                .statusCode(200)
                .contentType(startsWith(AP))
                .body("'@context'", hasItem("https://www.w3.org/ns/activitystreams"))
                .body("id", equalTo(apId))
                .body("type", equalTo("Person"))
                .body("preferredUsername", equalTo(eve.username()))
                .body("inbox", equalTo(apId + "/inbox"))
                .body("outbox", equalTo(apId + "/outbox"))
                .body("followers", equalTo(apId + "/followers"))
                .body("endpoints.sharedInbox", equalTo("https://lyceum.test/inbox"))
                .body("publicKey.id", equalTo(apId + "#main-key"))
                .body("publicKey.owner", equalTo(apId))
                .extract()
                .path("publicKey.publicKeyPem");
        RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getMimeDecoder()
                        .decode(pem.replace("-----BEGIN PUBLIC KEY-----", "")
                                .replace("-----END PUBLIC KEY-----", ""))));
        assertEquals(2048, key.getModulus().bitLength());
        // The key is made once and kept.
        given().header("Accept", "application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"")
                .get(path)
                .then()
                .statusCode(200)
                .body("publicKey.publicKeyPem", equalTo(pem));
        assertEquals(
                1,
                Rows.count(db, "select count(*) from actor_key where actor_id = ? and private_pem is not null", apId));
        // A browser gets a page.
        given().accept("text/html")
                .get(path)
                .then()
                .statusCode(200)
                .contentType(startsWith("text/html"))
                .header("Vary", "Accept")
                .body(containsString("<h1>"));
    }

    @Test
    void uploadedIconsAndBannersGoOutAsTheirPublicUrls() {
        User ida = Api.user("ida");
        UUID person = GlobalId.uuid("id", ida.personId(), "Person");
        Media icon = media(person, MediaPurpose.ICON, List.of("400", "64"), "me.png");
        Media banner = media(person, MediaPurpose.BANNER, List.of("1500x500"), "hills.png");
        Rows.execute(db, "update person set icon_id = ?, banner_id = ? where id = ?", icon.id(), banner.id(), person);
        given().accept(AP)
                .get(personApId(ida).replace("https://lyceum.test", ""))
                .then()
                .statusCode(200)
                .body("icon.type", equalTo("Image"))
                .body("icon.url", equalTo("https://lyceum.test/media/" + icon.id() + "/me.png"))
                .body("icon.mediaType", equalTo("image/png"))
                .body("image.type", equalTo("Image"))
                .body("image.url", equalTo("https://lyceum.test/media/" + banner.id() + "/hills.png"))
                .body("image.mediaType", equalTo("image/png"));

        User fin = Api.user("fin");
        String community = Api.community(fin, "PUBLIC");
        UUID group = GlobalId.uuid("id", community, "Community");
        Media logo = media(
                GlobalId.uuid("id", fin.personId(), "Person"), MediaPurpose.ICON, List.of("400", "64"), "logo.png");
        Rows.execute(
                db,
                "update community set icon_id = ?, banner_url = 'https://cdn.example/b.png' where id = ?",
                logo.id(),
                group);
        given().accept(AP)
                .get("/communities/" + group)
                .then()
                .statusCode(200)
                .body("icon.url", equalTo("https://lyceum.test/media/" + logo.id() + "/logo.png"))
                .body("image.url", equalTo("https://cdn.example/b.png"))
                .body("image.mediaType", nullValue());
    }

    @Test
    void communitiesAreGroupsAndDeletedOnesAreTombstones() {
        User fin = Api.user("fin");
        String community = Api.community(fin, "PRIVATE");
        String name = Api.communityName(fin, community);
        String apId = given().queryParam("resource", "acct:" + name + "@lyceum.test")
                .get("/.well-known/webfinger")
                .then()
                .statusCode(200)
                .extract()
                .path("links.find { it.rel == 'self' }.href");
        String path = apId.replace("https://lyceum.test", "");
        given().accept(AP)
                .get(path)
                .then()
                .statusCode(200)
                .body("type", equalTo("Group"))
                .body("preferredUsername", equalTo(name))
                .body("name", equalTo("A community"))
                .body("manuallyApprovesFollowers", equalTo(true))
                .body("featured", equalTo(apId + "/featured"))
                .body("attributedTo", equalTo(apId + "/moderators"));
        Api.ok(
                fin,
                "mutation($input: DeleteObjectInput!) { deleteObject(input: $input) { deletedId } }",
                Map.of("id", community),
                "data.deleteObject.deletedId");
        given().accept(AP)
                .get(path)
                .then()
                .statusCode(410)
                .body("type", equalTo("Tombstone"))
                .body("formerType", equalTo("Group"));
    }

    @Test
    void theInstanceActorAndUnknownIds() {
        given().accept(AP)
                .get("/actor")
                .then()
                .statusCode(200)
                .body("type", equalTo("Application"))
                .body("id", equalTo("https://lyceum.test/actor"))
                .body("publicKey.id", equalTo("https://lyceum.test/actor#main-key"));
        given().accept(AP).get("/people/not-a-uuid").then().statusCode(404);
        given().accept(AP)
                .get("/people/00000000-0000-0000-0000-000000000000")
                .then()
                .statusCode(404);
        given().accept(AP)
                .get("/communities/00000000-0000-0000-0000-000000000000")
                .then()
                .statusCode(404);
    }

    private Media media(UUID owner, MediaPurpose purpose, List<String> variants, String name) {
        return mediaRows
                .insert(
                        new Media(
                                UUID.randomUUID(),
                                owner,
                                purpose,
                                "image/png",
                                variants,
                                variants.stream().map(v -> 100L).toList(),
                                "0".repeat(64),
                                name,
                                OffsetDateTime.now(ZoneOffset.UTC),
                                null,
                                null),
                        Long.MAX_VALUE)
                .await()
                .indefinitely();
    }

    private static String personApId(User user) {
        return given().queryParam("resource", "acct:" + user.username() + "@lyceum.test")
                .get("/.well-known/webfinger")
                .then()
                .statusCode(200)
                .extract()
                .path("links.find { it.rel == 'self' }.href");
    }
}
