package org.lyceum.federation.inbox;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusMock;
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
import org.lyceum.federation.FederationConfig;
import org.lyceum.federation.delivery.Outbox;
import org.lyceum.federation.fetch.FetchRefusedException;
import org.lyceum.federation.policy.AllowlistMode;
import org.lyceum.federation.policy.DomainPolicy;
import org.lyceum.federation.remote.SignedGet;
import org.lyceum.support.Api;
import org.lyceum.support.Rows;

/** Domain blocks and the allowlist: admins manage them (Mastodon's CSV in and out), and inboxes, fetches and deliveries obey. */
@QuarkusTest
class DomainPolicyTest {

    private static final String BLOCK =
            "mutation($input: BlockDomainInput!) { blockDomain(input: $input) { domain severity } }";
    private static final String UNBLOCK = "mutation($input: DomainInput!) { unblockDomain(input: $input) }";
    private static final String ALLOW = "mutation($input: DomainInput!) { allowDomain(input: $input) }";
    private static final String DISALLOW = "mutation($input: DomainInput!) { disallowDomain(input: $input) }";
    private static final String RESOLVE = "query($q: String!) { resolve(query: $q) { id } }";
    private static StubPeer peer;

    @Inject
    DataSource db;

    @Inject
    Outbox outbox;

    @Inject
    Sql sql;

    @Inject
    FederationConfig federation;

    @Inject
    SignedGet signedGet;

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

    /**
     * Allowlist mode (lyceum.federation.allowlist-mode): the stub peer's host is heard (inbox) and
     * fetched from only while it is on the allowlist. The mode is switched on for this test by
     * installing the application's policy built with it (see {@link AllowlistMode}).
     */
    @Test
    void inAllowlistModeOnlyAllowedHostsAreHeardAndFetched() {
        QuarkusMock.installMockForType(AllowlistMode.policy(sql, federation), DomainPolicy.class);
        Api.User admin = Api.user("admin", "user", "admin");
        String ava = peer.actor("ava" + UUID.randomUUID().toString().substring(0, 6), "Person");
        String name = ava.substring(ava.lastIndexOf('/') + 1);
        String group = "https://lyceum.test/communities/"
                + GlobalId.uuid("id", Api.community(Api.user("owner"), "PUBLIC"), "Community");
        try {
            JsonObject early = activity("Follow", ava, group);
            var refused = post(name, early);
            assertEquals(403, refused.statusCode(), "a host not on the allowlist is not heard");
            assertTrue(
                    refused.body().asString().contains("does not federate"),
                    refused.body().asString());
            assertEquals(
                    0, Rows.count(db, "select count(*) from inbox_activity where ap_id = ?", early.getString("id")));
            int fetchesBefore = peer.actorFetches.get();
            assertRefusedFetch(ava);
            assertEquals(fetchesBefore, peer.actorFetches.get(), "nor fetched from");

            Api.call(admin, ALLOW, Map.of("input", Map.of("domain", "127.0.0.1")))
                    .body("errors", nullValue())
                    .body("data.allowDomain", equalTo(true));
            JsonObject follow = activity("Follow", ava, group);
            assertEquals(202, post(name, follow).statusCode(), "an allowed host is heard");
            awaitState(follow.getString("id"), "DONE");
            assertEquals(
                    ava,
                    signedGet
                            .fetch(URI.create(ava))
                            .await()
                            .atMost(Duration.ofSeconds(10))
                            .json()
                            .path("id")
                            .asText(),
                    "and fetched from");
            // The same server under another name is another host, not on the list.
            assertRefusedFetch(ava.replace("127.0.0.1", "localhost"));
        } finally {
            Api.call(admin, DISALLOW, Map.of("input", Map.of("domain", "127.0.0.1")))
                    .body("errors", nullValue());
        }
        assertEquals(403, post(name, activity("Follow", ava, group)).statusCode(), "refused again once disallowed");
        assertRefusedFetch(ava);
    }

    private void assertRefusedFetch(String url) {
        FetchRefusedException e = org.junit.jupiter.api.Assertions.assertThrows(
                FetchRefusedException.class,
                () -> signedGet.fetch(URI.create(url)).await().atMost(Duration.ofSeconds(10)));
        assertTrue(e.getMessage().contains("suspended by this instance's policy"), e.getMessage());
        assertTrue(e.permanent(), "a policy refusal is final");
    }

    /** allowDomain / disallowDomain change the list and the policy at once; only instance admins may use them. */
    @Test
    void adminsAllowAndDisallowDomainsAndNobodyElseMay() {
        DomainPolicy allowlist = AllowlistMode.policy(sql, federation);
        QuarkusMock.installMockForType(allowlist, DomainPolicy.class);
        Api.User admin = Api.user("admin", "user", "admin");
        String domain = "allowed-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        String allows = "{ domainAllows }";
        try {
            assertEquals(DomainPolicy.Decision.SUSPEND, allowlist.of("news." + domain));
            Api.call(admin, ALLOW, Map.of("input", Map.of("domain", "*." + domain.toUpperCase(java.util.Locale.ROOT))))
                    .body("errors", nullValue())
                    .body("data.allowDomain", equalTo(true));
            Api.call(admin, allows, Map.of()).body("data.domainAllows", org.hamcrest.Matchers.hasItem(domain));
            assertEquals(1, Rows.count(db, "select count(*) from domain_allow where domain = ?", domain));
            assertEquals(DomainPolicy.Decision.ALLOW, allowlist.of(domain), "in force at once, no reload awaited");
            assertEquals(DomainPolicy.Decision.ALLOW, allowlist.of("news." + domain + ":8443"), "with subdomains");
            Api.call(admin, ALLOW, Map.of("input", Map.of("domain", domain))).body("data.allowDomain", equalTo(false));

            Api.User someone = Api.user("someone");
            String other = "other-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
            Api.call(someone, ALLOW, Map.of("input", Map.of("domain", other)))
                    .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
            Api.call(someone, DISALLOW, Map.of("input", Map.of("domain", domain)))
                    .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
            Api.call(someone, allows, Map.of()).body("errors[0].extensions.code", equalTo("FORBIDDEN"));
            org.lyceum.support.GraphQL.anonymous("mutation { allowDomain(input: {domain: \"" + other + "\"}) }")
                    .body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
            assertEquals(0, Rows.count(db, "select count(*) from domain_allow where domain = ?", other));
            assertEquals(1, Rows.count(db, "select count(*) from domain_allow where domain = ?", domain));
            assertEquals(DomainPolicy.Decision.SUSPEND, allowlist.of(other));
            assertEquals(DomainPolicy.Decision.ALLOW, allowlist.of(domain), "a refused disallow changes nothing");

            Api.call(admin, DISALLOW, Map.of("input", Map.of("domain", domain)))
                    .body("errors", nullValue())
                    .body("data.disallowDomain", equalTo(true));
            Api.call(admin, allows, Map.of())
                    .body("data.domainAllows", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(domain)));
            assertEquals(0, Rows.count(db, "select count(*) from domain_allow where domain = ?", domain));
            assertEquals(DomainPolicy.Decision.SUSPEND, allowlist.of(domain), "suspended again at once");
            Api.call(admin, DISALLOW, Map.of("input", Map.of("domain", domain)))
                    .body("data.disallowDomain", equalTo(false));
        } finally {
            Rows.execute(db, "delete from domain_allow where domain = ?", domain);
        }
    }

    /**
     * resolve never reaches a suspended domain: neither WebFinger for a handle nor the actor for a
     * URL is fetched. A listening socket counts the connections made to the "remote server".
     */
    /**
     * Whatever stops a fetch (an unknown name, a private address, a closed port, a refused port),
     * the caller gets the same answer, so resolve cannot map what this server can reach.
     */
    @Test
    void aFailedResolveSaysNothingAboutWhy() {
        Api.User reader = Api.user("prober");
        for (String target : List.of(
                "https://no-such-host.invalid/users/x",
                "http://10.255.255.1/users/x",
                "http://[64:ff9b::a9fe:a9fe]/latest/meta-data",
                "https://93.184.216.34:6379/users/x")) {
            Api.call(reader, RESOLVE, Map.of("q", target))
                    .body("errors[0].extensions.code", equalTo("REMOTE_UNREACHABLE"))
                    .body("errors[0].message", equalTo("could not fetch " + target));
        }
    }

    @Test
    void resolvingOnASuspendedDomainIsRefusedWithoutFetching() throws Exception {
        Api.User admin = Api.user("admin", "user", "admin");
        Api.User reader = Api.user("reader");
        java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();
        try (java.net.ServerSocket remote =
                new java.net.ServerSocket(0, 50, java.net.InetAddress.getByAddress(new byte[] {127, 0, 0, 1}))) {
            Thread acceptor = new Thread(() -> {
                while (!remote.isClosed()) {
                    try (java.net.Socket s = remote.accept()) {
                        connections.incrementAndGet();
                    } catch (java.io.IOException closed) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String host = "127.0.0.1:" + remote.getLocalPort();
            String handle = "@" + Api.unique("x") + "@" + host;
            // Not blocked: resolve goes to the server (which answers nothing useful).
            Api.call(reader, RESOLVE, Map.of("q", handle))
                    .body("errors[0].extensions.code", equalTo("REMOTE_UNREACHABLE"));
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (connections.get() == 0 && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            assertTrue(connections.get() > 0, "an unblocked host is contacted");

            Api.call(admin, BLOCK, Map.of("input", Map.of("domain", "127.0.0.1", "severity", "SUSPEND")))
                    .body("data.blockDomain.severity", equalTo("SUSPEND"));
            Api.call(admin, BLOCK, Map.of("input", Map.of("domain", "blocked.example", "severity", "SUSPEND")))
                    .body("data.blockDomain.severity", equalTo("SUSPEND"));
            int before = connections.get();
            for (String query : List.of(
                    "@" + Api.unique("x") + "@" + host,
                    "acct:" + Api.unique("x") + "@" + host,
                    "http://" + host + "/users/" + Api.unique("x"),
                    "@" + Api.unique("x") + "@sub.blocked.example",
                    "https://sub.blocked.example/users/" + Api.unique("x"))) {
                Api.call(reader, RESOLVE, Map.of("q", query))
                        .body("data.resolve", nullValue())
                        .body("errors[0].extensions.code", equalTo("FORBIDDEN"))
                        .body("errors[0].message", org.hamcrest.Matchers.containsString("does not federate"));
            }
            Thread.sleep(200);
            assertEquals(before, connections.get(), "nothing was fetched from the suspended host");
        } finally {
            Api.call(admin, UNBLOCK, Map.of("input", Map.of("domain", "127.0.0.1")))
                    .body("errors", nullValue());
            Api.call(admin, UNBLOCK, Map.of("input", Map.of("domain", "blocked.example")))
                    .body("errors", nullValue());
        }
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
