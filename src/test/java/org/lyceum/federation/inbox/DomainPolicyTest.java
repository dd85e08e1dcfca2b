package org.lyceum.federation.inbox;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lyceum.common.GlobalId;
import org.lyceum.database.Sql;
import org.lyceum.federation.delivery.Outbox;
import org.lyceum.support.Api;
import org.lyceum.support.Rows;

/** Domain blocks and the allowlist: admins manage them (Mastodon's CSV in and out), and inboxes, fetches and deliveries obey. */
@QuarkusTest
class DomainPolicyTest {

    private static final String BLOCK =
            "mutation($input: BlockDomainInput!) { blockDomain(input: $input) { domain severity } }";
    private static final String UNBLOCK = "mutation($input: DomainInput!) { unblockDomain(input: $input) }";
    private static StubPeer peer;

    @Inject
    DataSource db;

    @Inject
    Outbox outbox;

    @Inject
    Sql sql;

    @BeforeAll
    static void start() {
        peer = new StubPeer();
    }

    @AfterAll
    static void stop() {
        peer.close();
    }

    private static io.restassured.response.Response post(String actor, JsonObject activity) {
        byte[] body = StubPeer.bytes(activity);
        return given().headers(
                        peer.sign(actor, URI.create("https://lyceum.test/inbox"), body, false, Clock.systemUTC()))
                .contentType("application/activity+json")
                .body(body)
                .post("/inbox");
    }

    private static JsonObject activity(String type, String actor, Object object) {
        return new JsonObject()
                .put("id", peer.origin() + "/activities/" + UUID.randomUUID())
                .put("type", type)
                .put("actor", actor)
                .put("object", object);
    }

    @Test
    void adminsImportAndExportMastodonCsvAllOrNothing() {
        Api.User admin = Api.user("admin", "user", "admin");
        // With a byte-order mark and a comment line, as spreadsheets and hand edits leave them, and a
        // quoted comment over three lines (one of them starting with #), as Mastodon writes one.
        String csv = "\uFEFF#domain,#severity,#reject_media,#reject_reports,#public_comment,#obfuscate\n"
                + "# shared by the moderators' group\n"
                + "spam.example,suspend,true,true,\"Spam, lots of it\",false\n"
                + "*.loud.example,silence,false,false,,true\n"
                + "meh.example,noop,true,false,,false\n"
                + "multi.example,silence,false,false,\"Line one,\n# not a comment\nline \"\"three\"\"\",false\n";
        Api.call(
                        admin,
                        "mutation($input: ImportDomainBlocksInput!) { importDomainBlocks(input: $input) }",
                        Map.of("input", Map.of("csv", csv)))
                .body("errors", nullValue())
                .body("data.importDomainBlocks", equalTo(4));
        Api.call(admin, "{ domainBlocks { domain severity rejectReports publicComment obfuscate } }", Map.of())
                .body(
                        "data.domainBlocks.domain",
                        contains("loud.example", "meh.example", "multi.example", "spam.example"))
                .body("data.domainBlocks.severity", contains("SILENCE", "NOOP", "SILENCE", "SUSPEND"))
                .body("data.domainBlocks[2].publicComment", equalTo("Line one,\n# not a comment\nline \"three\""))
                .body("data.domainBlocks[3].publicComment", equalTo("Spam, lots of it"));
        String exported =
                Api.call(admin, "{ exportDomainBlocks }", Map.of()).extract().path("data.exportDomainBlocks");
        assertEquals(
                "#domain,#severity,#reject_media,#reject_reports,#public_comment,#obfuscate\n"
                        + "loud.example,silence,false,false,,true\n"
                        + "meh.example,noop,true,false,,false\n"
                        + "multi.example,silence,false,false,\"Line one,\n# not a comment\nline \"\"three\"\"\",false\n"
                        + "spam.example,suspend,true,true,\"Spam, lots of it\",false\n",
                exported);

        Api.call(
                        admin,
                        "mutation($input: ImportDomainBlocksInput!) { importDomainBlocks(input: $input) }",
                        Map.of(
                                "input",
                                Map.of(
                                        "csv",
                                        "new.example,suspend,false,false,\"two\nlines\",false\nbad domain!,suspend\n")))
                .body("errors[0].extensions.code", equalTo("INVALID_INPUT"))
                .body("errors[0].message", org.hamcrest.Matchers.containsString("line 3"));
        Api.call(
                        admin,
                        "mutation($input: ImportDomainBlocksInput!) { importDomainBlocks(input: $input) }",
                        Map.of(
                                "input",
                                Map.of(
                                        "csv",
                                        "new.example,suspend\nopen.example,silence,false,false,\"never closed\n")))
                .body("errors[0].extensions.code", equalTo("INVALID_INPUT"))
                .body("errors[0].message", org.hamcrest.Matchers.containsString("line 2: an unclosed quote"));
        assertEquals(
                0,
                Rows.count(db, "select count(*) from domain_block where domain = 'new.example'"),
                "nothing of a bad list is imported");

        Api.User someone = Api.user("someone");
        Api.call(someone, "{ domainBlocks { domain } }", Map.of())
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        Api.call(someone, BLOCK, Map.of("input", Map.of("domain", "x.example", "severity", "SUSPEND")))
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        for (String d : List.of("loud.example", "meh.example", "multi.example", "spam.example")) {
            Api.call(admin, UNBLOCK, Map.of("input", Map.of("domain", d))).body("data.unblockDomain", equalTo(true));
        }
    }

    @Test
    void aSuspendedDomainIsNeitherHeardNorSentToAndASilencedOneCannotPostHere() {
        Api.User admin = Api.user("admin", "user", "admin");
        String mia = peer.actor("mia" + UUID.randomUUID().toString().substring(0, 6), "Person");
        String name = mia.substring(mia.lastIndexOf('/') + 1);
        Api.User owner = Api.user("owner");
        String community = Api.community(owner, "PUBLIC");
        String group = "https://lyceum.test/communities/" + GlobalId.uuid("id", community, "Community");
        try {
            Api.call(admin, BLOCK, Map.of("input", Map.of("domain", "127.0.0.1", "severity", "SUSPEND")))
                    .body("data.blockDomain.severity", equalTo("SUSPEND"));
            var refused = post(name, activity("Follow", mia, group));
            assertEquals(403, refused.statusCode());
            assertTrue(
                    refused.body().asString().contains("does not federate"),
                    refused.body().asString());
            int written = sql.transaction(tx -> outbox.enqueue(
                            tx,
                            "https://lyceum.test/activities/" + UUID.randomUUID(),
                            group,
                            "{}",
                            List.of(URI.create(peer.origin() + "/inbox")),
                            null))
                    .await()
                    .atMost(Duration.ofSeconds(10));
            assertEquals(0, written, "no delivery to a suspended domain");

            Api.call(admin, BLOCK, Map.of("input", Map.of("domain", "127.0.0.1", "severity", "SILENCE")));
            JsonObject follow = activity("Follow", mia, group);
            assertEquals(202, post(name, follow).statusCode(), "silenced people may still follow");
            awaitState(follow.getString("id"), "DONE");
            String thread = "https://lyceum.test/objects/"
                    + GlobalId.uuid("id", Api.thread(owner, community, "Quiet please"), "Thread");
            JsonObject create = activity(
                    "Create",
                    mia,
                    new JsonObject()
                            .put("id", peer.origin() + "/notes/" + UUID.randomUUID())
                            .put("type", "Note")
                            .put("attributedTo", mia)
                            .put("inReplyTo", thread)
                            .put("content", "LOUD"));
            assertEquals(202, post(name, create).statusCode());
            assertTrue(awaitState(create.getString("id"), "IGNORED").contains("silenced"));
        } finally {
            Api.call(admin, UNBLOCK, Map.of("input", Map.of("domain", "127.0.0.1")))
                    .body("errors", nullValue());
        }
        assertEquals(202, post(name, activity("Dance", mia, group)).statusCode(), "heard again once unblocked");
    }

    private String awaitState(String activityId, String state) {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < end) {
            String s = Rows.string(
                    db, "select state || coalesce(': ' || error, '') from inbox_activity where ap_id = ?", activityId);
            if (s != null && s.startsWith(state)) {
                return s;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError(activityId + " never reached " + state);
    }
}
