package org.lyceum.export;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.lyceum.job.Jobs;
import org.lyceum.support.Api;
import org.lyceum.support.Api.User;
import org.lyceum.support.GraphQL;
import org.lyceum.support.Rows;

/** exportMyData and myDataExport: the archive is built by the job, holds the person's data and no one else's, and expires. */
@QuarkusTest
class DataExportTest {

    private static final String BASE = "https://lyceum.test";
    private static final String EXPORT = "mutation { exportMyData { status url expiresAt requestedAt } }";
    private static final String LATEST = "{ myDataExport { status url expiresAt requestedAt } }";

    @Inject
    Jobs jobs;

    @Inject
    DataSource db;

    @Test
    void row56AnArchiveHoldsWhatThePersonMadeAndOnlyItsSignedUrlOpensItUntilItExpires() throws IOException {
        User ann = Api.user("ann");
        User ben = Api.user("ben");
        String community = Api.community(ann, "PUBLIC");
        Api.join(ben, community);
        String thread = Api.thread(ann, community, "Exporting fractions");
        String reply = Api.reply(ann, thread, "My words about *halves*");
        String bens = Api.reply(ben, thread, "Ben's private thought");
        Api.ok(
                ann,
                "mutation($input: ObjectIdInput!) { like(input: $input) { object { id } } }",
                Map.of("id", bens),
                "data.like.object.id");
        Api.ok(
                ann,
                "mutation($input: ObjectIdInput!) { bookmark(input: $input) { object { id } } }",
                Map.of("id", bens),
                "data.bookmark.object.id");
        Api.ok(
                ann,
                "mutation($input: FollowInput!) { follow(input: $input) { target { id } } }",
                Map.of("id", ben.personId()),
                "data.follow.target.id");
        Api.ok(
                ann,
                "mutation($input: UserDomainInput!) { blockUserDomain(input: $input) }",
                Map.of("domain", "spam.example"),
                "data.blockUserDomain");

        Api.call(ann, LATEST, Map.of()).body("errors", nullValue()).body("data.myDataExport", nullValue());
        String requested = Api.call(ann, EXPORT, Map.of())
                .body("errors", nullValue())
                .body("data.exportMyData.status", equalTo("PENDING"))
                .body("data.exportMyData.url", nullValue())
                .extract()
                .path("data.exportMyData.requestedAt");
        Api.call(ann, EXPORT, Map.of()).body("data.exportMyData.requestedAt", equalTo(requested));

        jobs.runNow(ExportJob.JOB).await().atMost(Duration.ofSeconds(60));

        Response latest = Api.call(ann, LATEST, Map.of())
                .body("errors", nullValue())
                .body("data.myDataExport.status", equalTo("READY"))
                .body("data.myDataExport.url", notNullValue())
                .extract()
                .response();
        String url = latest.path("data.myDataExport.url");
        OffsetDateTime expires = OffsetDateTime.parse(latest.path("data.myDataExport.expiresAt"));
        assertTrue(
                Math.abs(Duration.between(java.time.Instant.now(), expires.toInstant())
                                .minus(Duration.ofDays(7))
                                .toMinutes())
                        < 5,
                "lyceum.export.validity is 7 days: " + expires);
        Api.call(ben, LATEST, Map.of()).body("data.myDataExport", nullValue());

        assertTrue(url.startsWith(BASE + "/media/"), url);
        Response download = given().urlEncodingEnabled(false).get(url.substring(BASE.length()));
        assertEquals(200, download.statusCode());
        assertEquals("application/zip", download.contentType());
        Map<String, String> files = unzip(download.asByteArray());
        assertTrue(
                files.get("profile.json").contains("\"username\":\"" + ann.username() + "\""),
                files.get("profile.json"));
        assertTrue(
                files.get("content.json").contains("My words about *halves*"), "content.json has the Markdown source");
        assertTrue(files.get("content.json").contains("Exporting fractions"));
        assertTrue(!files.get("content.json").contains("Ben's private thought"), "only the person's own content");
        assertTrue(files.get("likes.json").contains(apId(bens)), files.get("likes.json"));
        assertTrue(files.get("bookmarks.json").contains(apId(bens)), files.get("bookmarks.json"));
        assertTrue(files.get("follows.json").contains("\"kind\":\"PERSON\""), files.get("follows.json"));
        assertTrue(files.get("blocks.json").contains("spam.example"), files.get("blocks.json"));
        assertTrue(files.get("memberships.json").contains("\"role\":\"OWNER\""), files.get("memberships.json"));
        String outbox = files.get("outbox.json");
        assertTrue(outbox.contains("\"type\":\"OrderedCollection\"") && outbox.contains("\"totalItems\":2"), outbox);
        assertTrue(outbox.contains("\"type\":\"Create\"") && outbox.contains(apId(reply)), outbox);
        assertTrue(outbox.contains("<em>halves</em>"), "the outbox has the objects as other servers got them");

        String tampered = url.substring(BASE.length(), url.length() - 2) + (url.endsWith("AA") ? "BB" : "AA");
        assertEquals(404, given().urlEncodingEnabled(false).get(tampered).statusCode());
        String unsigned = url.substring(BASE.length(), url.indexOf('?'));
        assertEquals(404, given().urlEncodingEnabled(false).get(unsigned).statusCode());

        Rows.execute(
                db,
                "update data_export set expires_at = now() - interval '1 second' where person_id = ?::uuid",
                org.lyceum.common.GlobalId.uuid("id", ann.personId(), "Person").toString());
        Api.call(ann, LATEST, Map.of())
                .body("data.myDataExport.status", equalTo("EXPIRED"))
                .body("data.myDataExport.url", nullValue());
        assertEquals(
                404,
                given().urlEncodingEnabled(false)
                        .get(url.substring(BASE.length()))
                        .statusCode(),
                "an expired export's link stops working although its signature has not expired");
        jobs.runNow(ExportJob.JOB).await().atMost(Duration.ofSeconds(60));
        assertEquals(
                1,
                Rows.count(
                        db,
                        "select count(*) from media f join data_export x on x.media_id = f.id"
                                + " where x.person_id = ?::uuid and f.removed_at is not null",
                        org.lyceum.common.GlobalId.uuid("id", ann.personId(), "Person")
                                .toString()),
                "the job removes an expired archive's file at once");
    }

    @Test
    void row56AnonymousCallersHaveNoExportAndNobodyUploadsOne() {
        GraphQL.anonymous(EXPORT).body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
        GraphQL.anonymous(LATEST).body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
        User ann = Api.user("ann");
        given().header("Authorization", "Bearer " + ann.token())
                .contentType("application/zip")
                .body(new byte[] {1, 2, 3})
                .post("/uploads?purpose=EXPORT")
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_INPUT"));
    }

    private String apId(String globalId) {
        return Rows.string(
                db,
                "select ap_id from content where id = ?::uuid",
                org.lyceum.common.GlobalId.uuid("id", globalId, org.lyceum.content.CommentView.TYPE)
                        .toString());
    }

    private static Map<String, String> unzip(byte[] zip) throws IOException {
        Map<String, String> files = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                files.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return files;
    }
}
