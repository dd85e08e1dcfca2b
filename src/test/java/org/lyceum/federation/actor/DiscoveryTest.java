package org.lyceum.federation.actor;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.lyceum.support.Api;
import org.lyceum.support.Api.User;

/** WebFinger and NodeInfo, as Mastodon, Lemmy and crawlers ask for them. */
@QuarkusTest
class DiscoveryTest {

    @Test
    void webFingerFindsPeopleAndCommunitiesByHandleAndById() {
        User ada = Api.user("ada");
        String apId = given().queryParam("resource", "acct:" + ada.username() + "@lyceum.test")
                .get("/.well-known/webfinger")
                .then()
                .statusCode(200)
                .contentType(startsWith("application/jrd+json"))
                .header("Access-Control-Allow-Origin", "*")
                .body("subject", equalTo("acct:" + ada.username() + "@lyceum.test"))
                .body("links.find { it.rel == 'self' }.type", equalTo("application/activity+json"))
                .body(
                        "links.find { it.rel == 'self' }.properties.'https://www.w3.org/ns/activitystreams#type'",
                        equalTo("Person"))
                .extract()
                .path("links.find { it.rel == 'self' }.href");
        given().queryParam("resource", apId)
                .get("/.well-known/webfinger")
                .then()
                .statusCode(200)
                .body("subject", equalTo("acct:" + ada.username() + "@lyceum.test"));
        // Handles compare case-insensitively, as they do in Mastodon.
        given().queryParam("resource", "acct:" + ada.username().toUpperCase(Locale.ROOT) + "@LYCEUM.TEST")
                .get("/.well-known/webfinger")
                .then()
                .statusCode(200)
                .body("aliases", hasItem(apId));

        String community = Api.community(ada, "PUBLIC");
        String name = Api.communityName(ada, community);
        given().queryParam("resource", "acct:!" + name + "@lyceum.test")
                .get("/.well-known/webfinger")
                .then()
                .statusCode(200)
                .body(
                        "links.find { it.rel == 'self' }.properties.'https://www.w3.org/ns/activitystreams#type'",
                        equalTo("Group"))
                .body("links.find { it.rel == 'self' }.href", containsString("/communities/"));
    }

    @Test
    void webFingerRefusesWhatItCannotAnswer() {
        given().get("/.well-known/webfinger").then().statusCode(400).body("error", containsString("resource"));
        given().queryParam("resource", "mailto:x@lyceum.test")
                .get("/.well-known/webfinger")
                .then()
                .statusCode(400);
        given().queryParam("resource", "acct:nobody")
                .get("/.well-known/webfinger")
                .then()
                .statusCode(400);
        given().queryParam("resource", "acct:nobody_here@lyceum.test")
                .get("/.well-known/webfinger")
                .then()
                .statusCode(404);
        User bea = Api.user("bea");
        given().queryParam("resource", "acct:" + bea.username() + "@elsewhere.example")
                .get("/.well-known/webfinger")
                .then()
                .statusCode(404);
    }

    @Test
    void nodeInfoSaysWhatAndHowBig() {
        User cy = Api.user("cy");
        Api.thread(cy, Api.community(cy, "PUBLIC"), "Counted as a local post");
        String href = given().get("/.well-known/nodeinfo")
                .then()
                .statusCode(200)
                .body("links[0].rel", equalTo("http://nodeinfo.diaspora.software/ns/schema/2.1"))
                .extract()
                .path("links[0].href");
        given().get(href.replace("https://lyceum.test", ""))
                .then()
                .statusCode(200)
                .contentType(containsString("nodeinfo.diaspora.software/ns/schema/2.1"))
                .body("version", equalTo("2.1"))
                .body("software.name", equalTo("lyceum"))
                .body("protocols", hasItem("activitypub"))
                .body("openRegistrations", equalTo(false))
                .body("usage.users.total", greaterThanOrEqualTo(1))
                .body("usage.users.activeMonth", greaterThanOrEqualTo(1))
                .body("usage.localPosts", greaterThanOrEqualTo(1))
                .body("metadata.nodeName", equalTo("Lyceum Test"));
    }
}
