package org.lyceum.federation.actor;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.lyceum.support.Api;
import org.lyceum.support.Api.User;
import org.lyceum.support.Rows;

/** Actor documents as fediverse servers fetch them, and the same URLs in a browser. */
@QuarkusTest
class ActorDocumentTest {

    private static final String AP = "application/activity+json";

    @Inject
    DataSource db;

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

    private static String personApId(User user) {
        return given().queryParam("resource", "acct:" + user.username() + "@lyceum.test")
                .get("/.well-known/webfinger")
                .then()
                .statusCode(200)
                .extract()
                .path("links.find { it.rel == 'self' }.href");
    }
}
