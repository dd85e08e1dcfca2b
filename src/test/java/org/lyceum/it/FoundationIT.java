package org.lyceum.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lyceum.support.Rows;
import org.lyceum.support.TestDatabase;

/**
 * The packaged application as a newcomer runs it, against a real Keycloak started by
 * docker/keycloak/keycloak.sh: first with nothing configured (embedded PostgreSQL), then with an
 * external PostgreSQL configured by the standard Quarkus keys.
 */
class FoundationIT {

    private static final String ME = "{ me { username email roles } }";
    private static final String INVITE =
            "mutation($email: String!) { inviteByEmail(input: {email: $email}) { invite { email createdAt } } }";

    private static LocalKeycloak keycloak;

    @BeforeAll
    static void startKeycloak() throws Exception {
        keycloak = LocalKeycloak.start();
    }

    @AfterAll
    static void stopKeycloak() throws Exception {
        if (keycloak != null) {
            keycloak.close();
        }
    }

    @Test
    void theEmbeddedDefaultServesKeycloakUsersAndKeepsItsDataThroughACrash() throws Exception {
        Path work = Files.createTempDirectory("lyceum-it-embedded");
        try (AppProcess bare = AppProcess.start("embedded-nothing-configured", work, Map.of())) {
            assertTrue(bare.management("/q/health/ready").body().contains("\"UP\""));
            assertTrue(bare.management("/q/metrics").body().contains("jvm_memory_used_bytes"));
            for (String operators : List.of("/q/health/ready", "/q/metrics")) {
                assertEquals(404, bare.get(operators).statusCode(), operators + " is not on the public port");
            }
            assertEquals(
                    "Lyceum",
                    Http.graphql(bare, null, "{ instance { name } }", Map.of())
                            .body()
                            .at("/data/instance/name")
                            .asText());
            assertTrue(
                    Http.graphql(bare, null, ME, Map.of()).body().at("/data/me").isNull(),
                    "anonymous without an identity provider");
        }
        assertTrue(Files.exists(work.resolve("data/postgres/PG_VERSION")), "the data lives under ./data by default");

        Map<String, String> withKeycloak = Map.of("QUARKUS_OIDC_AUTH_SERVER_URL", keycloak.issuer("lyceum"));
        String createdAt;
        AppProcess first = AppProcess.start("embedded-keycloak-1", work, withKeycloak);
        try {
            JsonNode me = Http.graphql(first, keycloak.token("demo", "demo"), ME, Map.of())
                    .body();
            assertEquals("demo", me.at("/data/me/username").asText(), me.toString());
            assertEquals("demo@lyceum.example", me.at("/data/me/email").asText());
            assertEquals(0, me.at("/data/me/roles").size());

            String admin = keycloak.token("demo-admin", "demo-admin");
            assertEquals(
                    List.of("ADMIN", "MODERATOR"),
                    roles(Http.graphql(first, admin, ME, Map.of()).body()));
            JsonNode invite = Http.graphql(first, admin, INVITE, Map.of("email", "kept@school.example"))
                    .body();
            createdAt = invite.at("/data/inviteByEmail/invite/createdAt").asText();
            assertFalse(createdAt.isBlank(), invite.toString());

            // A community round trip with Keycloak's tokens: create, join, add a resource, see it in the feed.
            JsonNode community = Http.graphql(
                            first,
                            admin,
                            "mutation { createCommunity(input: {name: \"physics\", "
                                    + "title: \"Physics teachers\"}) { community { id } } }",
                            Map.of())
                    .body();
            String communityId =
                    community.at("/data/createCommunity/community/id").asText();
            assertFalse(communityId.isBlank(), community.toString());
            Http.graphql(
                    first,
                    keycloak.token("demo", "demo"),
                    "mutation($id: ID!) { joinCommunity(input: {id: $id}) " + "{ community { myMembership } } }",
                    Map.of("id", communityId));
            JsonNode collection = Http.graphql(
                            first,
                            admin,
                            "mutation($id: ID!) { createCollection(input: {communityId: $id, "
                                    + "title: \"Optics\"}) { collection { id } } }",
                            Map.of("id", communityId))
                    .body();
            JsonNode resource = Http.graphql(
                            first,
                            admin,
                            "mutation($id: ID!) { createResource(input: {collectionId: $id, "
                                    + "title: \"Lenses lab\", url: \"https://example.org/lenses\", licence: \"CC-BY-4.0\"}) { resource { id } } }",
                            Map.of(
                                    "id",
                                    collection
                                            .at("/data/createCollection/collection/id")
                                            .asText()))
                    .body();
            assertFalse(resource.at("/data/createResource/resource/id").asText().isBlank(), resource.toString());
            assertEquals("Lenses lab", homeFeedFirstTitle(first), "demo sees the resource in their home feed");

            assertRefusedTokens(first);
        } finally {
            first.kill9();
        }

        // The killed JVM left its PostgreSQL running; the next start must take the data over.
        try (AppProcess second = AppProcess.start("embedded-keycloak-2", work, withKeycloak)) {
            JsonNode again = Http.graphql(
                            second,
                            keycloak.token("demo-admin", "demo-admin"),
                            INVITE,
                            Map.of("email", "kept@school.example"))
                    .body();
            assertEquals(
                    createdAt,
                    again.at("/data/inviteByEmail/invite/createdAt").asText(),
                    "the invite survived the crash");
            assertEquals(
                    "demo",
                    Http.graphql(second, keycloak.token("demo", "demo"), ME, Map.of())
                            .body()
                            .at("/data/me/username")
                            .asText());
            assertEquals("Lenses lab", homeFeedFirstTitle(second), "the community survived the crash too");
        }
    }

    private static String homeFeedFirstTitle(AppProcess app) throws Exception {
        JsonNode feed = Http.graphql(
                        app,
                        keycloak.token("demo", "demo"),
                        "{ homeFeed(first: 5) { edges { node { object " + "{ ... on Resource { title } } } } } }",
                        Map.of())
                .body();
        return feed.at("/data/homeFeed/edges/0/node/object/title").asText(feed.toString());
    }

    @Test
    void anExternalDatabaseIsUsedAsConfiguredAndClosedRegistrationAdmitsNobody() throws Exception {
        TestDatabase db = TestDatabase.create();
        Path work = Files.createTempDirectory("lyceum-it-external");
        Map<String, String> env = Map.of(
                "QUARKUS_DATASOURCE_REACTIVE_URL", db.reactiveUrl(),
                "QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl(),
                "QUARKUS_DATASOURCE_USERNAME", db.user(),
                "QUARKUS_DATASOURCE_PASSWORD", db.password(),
                "QUARKUS_OIDC_AUTH_SERVER_URL", keycloak.issuer("lyceum"),
                "LYCEUM_REGISTRATION_POLICY", "closed");
        try (AppProcess app = AppProcess.start("external-closed", work, env)) {
            JsonNode refused = Http.graphql(app, keycloak.token("demo", "demo"), ME, Map.of())
                    .body();
            assertEquals(
                    "REGISTRATION_CLOSED",
                    refused.at("/errors/0/extensions/code").asText(),
                    refused.toString());
            assertRefusedTokens(app);
            assertClientMistakesAreQuiet(app);
            assertFalse(Files.readString(app.log).contains("starting embedded PostgreSQL"));
        } finally {
            // The data directory holds uploaded files now (data/media); the database is not there.
            assertFalse(Files.exists(work.resolve("data/postgres")), "no embedded database when one is configured");
            javax.sql.DataSource source = dataSource(db);
            assertEquals(1, Rows.count(source, "select count(*) from flyway_schema_history where version = '1'"));
            assertEquals(0, Rows.count(source, "select count(*) from account"));
            db.drop();
        }
    }

    /**
     * Client mistakes are answered with their code and logged quietly: after a round of them the
     * process has written no ERROR line (an ERROR is for what an operator must look at).
     */
    private static void assertClientMistakesAreQuiet(AppProcess app) throws Exception {
        String token = keycloak.token("demo", "demo");
        HttpClient client = HttpClient.newHttpClient();
        List<HttpRequest> mistakes = List.of(
                post(app, "/graphql", "application/json", "{\"query\": \"{ instance { name }\"}"),
                post(app, "/graphql", "application/json", "{ not json"),
                post(app, "/graphql", "application/json", "{\"query\": \"{ noSuchField }\"}"),
                post(
                        app,
                        "/graphql",
                        "application/json",
                        "{\"query\": \"mutation { createCommunity(input: {name: \\\"x y\\\", title: \\\"\\\"}) { community { id } } }\"}"),
                post(app, "/graphql", "text/plain", "{ instance { name } }"),
                post(
                        app,
                        "/graphql",
                        "application/json",
                        "{\"query\": \"query($f: Int) { instanceFeed(first: $f) { totalCount } }\","
                                + " \"variables\": {\"f\": \"many\"}}"),
                post(app, "/inbox", "application/activity+json", "{\"type\": \"Follow\"}"),
                post(app, "/inbox", "application/activity+json", "[1, 2"),
                HttpRequest.newBuilder(app.uri("/objects/not-a-uuid")).GET().build(),
                HttpRequest.newBuilder(app.uri("/.well-known/webfinger?resource=acct:nobody@nowhere"))
                        .GET()
                        .build(),
                HttpRequest.newBuilder(app.uri("/graphql"))
                        .header("content-type", "application/json")
                        .header("authorization", "Bearer " + token)
                        .POST(
                                HttpRequest.BodyPublishers.ofString(
                                        "{\"query\": \"mutation { joinCommunity(input: {id: \\\"nope\\\"}) { community { id } } }\"}"))
                        .build());
        for (HttpRequest mistake : mistakes) {
            int status =
                    client.send(mistake, HttpResponse.BodyHandlers.discarding()).statusCode();
            assertTrue(status < 500, mistake.uri() + " answered " + status);
        }
        List<String> errors = Files.readAllLines(app.log).stream()
                .filter(line -> line.contains(" ERROR "))
                .toList();
        assertEquals(List.of(), errors, "client mistakes are not ERRORs in the log");
    }

    private static HttpRequest post(AppProcess app, String path, String contentType, String body) {
        return HttpRequest.newBuilder(app.uri(path))
                .header("content-type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    /** The mapper docker/keycloak/lyceum-realm.json gives its clients: tokens name Lyceum in aud. */
    private static final Map<String, Object> AUDIENCE_MAPPER = Map.of(
            "name", "lyceum-audience",
            "protocol", "openid-connect",
            "protocolMapper", "oidc-audience-mapper",
            "config", Map.of("included.custom.audience", "lyceum", "access.token.claim", "true"));

    /** Forged, expired, foreign tokens and tokens for another application get 401 before any GraphQL runs. */
    private static void assertRefusedTokens(AppProcess app) throws Exception {
        String token = keycloak.token("demo", "demo");
        int dot = token.lastIndexOf('.');
        byte[] signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        signature[0] ^= 0x01;
        String forged = token.substring(0, dot + 1)
                + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        assertEquals(401, Http.graphql(app, forged, ME, Map.of()).status(), "broken signature");

        keycloak.admin(
                "/lyceum/clients",
                Map.of(
                        "clientId",
                        "short-lived-" + app.port,
                        "publicClient",
                        true,
                        "directAccessGrantsEnabled",
                        true,
                        "attributes",
                        Map.of("access.token.lifespan", "1"),
                        "protocolMappers",
                        List.of(AUDIENCE_MAPPER)));
        String expiring = keycloak.passwordGrant("lyceum", "short-lived-" + app.port, "demo", "demo");
        Thread.sleep(3_000);
        assertEquals(401, Http.graphql(app, expiring, ME, Map.of()).status(), "expired");

        // A client of the same realm without the audience mapper: its tokens are for another application.
        keycloak.admin(
                "/lyceum/clients",
                Map.of("clientId", "elsewhere-" + app.port, "publicClient", true, "directAccessGrantsEnabled", true));
        String elsewhere = keycloak.passwordGrant("lyceum", "elsewhere-" + app.port, "demo", "demo");
        assertEquals(401, Http.graphql(app, elsewhere, ME, Map.of()).status(), "token without Lyceum's audience");

        String other = "other" + app.port;
        keycloak.admin(
                "",
                Map.of(
                        "realm",
                        other,
                        "enabled",
                        true,
                        "clients",
                        List.of(Map.of(
                                "clientId", "lyceum-cli", "publicClient", true, "directAccessGrantsEnabled", true)),
                        "users",
                        List.of(Map.of(
                                "username",
                                "demo",
                                "enabled",
                                true,
                                "email",
                                "demo@lyceum.example",
                                "emailVerified",
                                true,
                                "firstName",
                                "Other",
                                "lastName",
                                "Realm",
                                "credentials",
                                List.of(Map.of("type", "password", "value", "demo", "temporary", false))))));
        String foreign = keycloak.passwordGrant(other, "lyceum-cli", "demo", "demo");
        assertEquals(401, Http.graphql(app, foreign, ME, Map.of()).status(), "token of another realm");
    }

    private static List<String> roles(JsonNode body) {
        List<String> roles = new java.util.ArrayList<>();
        body.at("/data/me/roles").forEach(r -> roles.add(r.asText()));
        return roles;
    }

    private static javax.sql.DataSource dataSource(TestDatabase db) {
        org.postgresql.ds.PGSimpleDataSource source = new org.postgresql.ds.PGSimpleDataSource();
        source.setUrl(db.jdbcUrl());
        source.setUser(db.user());
        source.setPassword(db.password());
        return source;
    }
}
