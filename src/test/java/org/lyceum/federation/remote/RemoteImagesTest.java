package org.lyceum.federation.remote;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpServer;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lyceum.federation.policy.DomainPolicy;
import org.lyceum.support.Api;
import org.lyceum.support.Rows;

/**
 * lyceum.media.cache-remote: a remote person's icon is copied here once per URL and served from
 * /media/; a domain blocked with reject_media is not fetched from (and earlier copies stop being
 * shown); what is not an image is refused and the link stays. Copying is turned on for these tests
 * only, through the class itself, so no profile restarts Quarkus.
 */
@QuarkusTest
class RemoteImagesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String QUERY = "query($u: String!) { person(username: $u) { iconUrl bannerUrl } }";

    private static Vertx vertx;
    private static HttpServer server;
    /** Actor name to its icon's path. */
    private static final Map<String, String> icons = new ConcurrentHashMap<>();

    /** Actors that are groups, with their banner's path. */
    private static final Map<String, String> banners = new ConcurrentHashMap<>();

    private static final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

    @Inject
    RemoteActors actors;

    @Inject
    RemoteImages images;

    @Inject
    DomainPolicy policy;

    @Inject
    DataSource db;

    @BeforeAll
    static void peer() throws Exception {
        byte[] png = Files.readAllBytes(Path.of("src/test/resources/media/transparent.png"));
        vertx = Vertx.vertx();
        server = vertx.createHttpServer()
                .requestHandler(request -> {
                    String path = request.path();
                    hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
                    if (path.endsWith(".big")) {
                        // Over lyceum.media.max-size.icon (5M): refused from its Content-Length.
                        request.response()
                                .putHeader("Content-Type", "image/png")
                                .endAndForget(Buffer.buffer(new byte[6 * 1024 * 1024]));
                    } else if (path.endsWith(".png")) {
                        request.response()
                                .putHeader("Content-Type", "image/png")
                                .endAndForget(Buffer.buffer(png));
                    } else if (path.endsWith(".html")) {
                        request.response()
                                .putHeader("Content-Type", "text/html")
                                .endAndForget("<!DOCTYPE html><html><head><title>Not an image</title></head>"
                                        + "<body><p>Hello</p></body></html>");
                    } else if (path.startsWith("/users/") && icons.containsKey(path.substring(7))) {
                        request.response()
                                .putHeader("Content-Type", "application/activity+json")
                                .endAndForget(actor(path.substring(7)).encode());
                    } else {
                        request.response().setStatusCode(404).endAndForget();
                    }
                })
                .listenAndAwait(0, "127.0.0.1");
    }

    @AfterAll
    static void stop() {
        server.closeAndAwait();
        vertx.closeAndAwait();
    }

    @BeforeEach
    void on() {
        images.enable(true);
    }

    @AfterEach
    void off() {
        images.enable(false);
    }

    private static String origin() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    private static JsonObject actor(String name) {
        String id = origin() + "/users/" + name;
        JsonObject actor = new JsonObject()
                .put("id", id)
                .put("type", banners.containsKey(name) ? "Group" : "Person")
                .put("preferredUsername", name)
                .put("inbox", id + "/inbox")
                .put("icon", new JsonObject().put("type", "Image").put("url", origin() + icons.get(name)));
        return banners.containsKey(name) ? actor.put("image", origin() + banners.get(name)) : actor;
    }

    /** A remote person with this icon, stored here, and the copying it started finished. */
    private String store(String name, String iconPath, boolean refresh) throws InterruptedException {
        icons.put(name, iconPath);
        String id = origin() + "/users/" + name;
        actors.byId(id, refresh).await().atMost(WAIT);
        long until = System.currentTimeMillis() + WAIT.toMillis();
        while (images.pending() > 0 && System.currentTimeMillis() < until) {
            Thread.sleep(20);
        }
        assertEquals(0, images.pending(), "the copy finished");
        return id;
    }

    private int hits(String path) {
        AtomicInteger n = hits.get(path);
        return n == null ? 0 : n.get();
    }

    private String iconId(String apId) {
        return Rows.string(db, "select icon_id::text from person where ap_id = ?", apId);
    }

    private String iconUrl(String apId) {
        return Rows.string(db, "select icon_url from person where ap_id = ?", apId);
    }

    @Test
    void aRemotePersonsIconIsCopiedOnceAndServedHere() throws Exception {
        String name = Api.unique("ada");
        String id = store(name, "/img/" + name + ".png", false);

        String copy = iconId(id);
        assertNotNull(copy, "icon_id is set");
        assertEquals(1, hits("/img/" + name + ".png"));
        assertEquals(origin() + "/img/" + name + ".png", iconUrl(id), "the source URL is kept");
        assertEquals(
                1,
                Rows.count(
                        db,
                        "select count(*) from media where id = ?::uuid and owner_id is null and purpose = 'ICON'"
                                + " and attached_at is not null",
                        copy));

        String url = Api.call(
                        Api.user("viewer"),
                        QUERY,
                        Map.of("u", name + "@" + URI.create(origin()).getAuthority()))
                .body("errors", nullValue())
                .body("data.person.iconUrl", containsString("/media/" + copy + "/"))
                .extract()
                .path("data.person.iconUrl");
        given().get(URI.create(url).getRawPath())
                .then()
                .statusCode(200)
                .header("Content-Type", startsWith("image/png"));

        store(name, "/img/" + name + ".png", true);
        assertEquals(1, hits("/img/" + name + ".png"), "the same URL is not fetched again");
        assertEquals(copy, iconId(id));

        store(name, "/img/" + name + "-new.png", true);
        assertEquals(1, hits("/img/" + name + "-new.png"), "a new URL is");
        assertNotNull(iconId(id));
        assertNotEquals(copy, iconId(id), "a new copy replaces the old");
    }

    @Test
    void aDomainWhoseMediaIsRejectedIsNotFetchedFrom() throws Exception {
        String copied = Api.unique("bea");
        String copiedId = store(copied, "/img/" + copied + ".png", false);
        assertNotNull(iconId(copiedId));
        Rows.execute(
                db,
                "insert into domain_block (domain, severity, reject_media) values ('127.0.0.1', 'NOOP', true)"
                        + " on conflict (domain) do update set reject_media = true");
        try {
            policy.reload().await().atMost(WAIT);
            String name = Api.unique("cy");
            String id = store(name, "/img/" + name + ".png", false);

            assertEquals(0, hits("/img/" + name + ".png"), "nothing fetched");
            assertNull(iconId(id));
            assertEquals(origin() + "/img/" + name + ".png", iconUrl(id), "the link stays");

            store(copied, "/img/" + copied + ".png", true);
            assertNull(iconId(copiedId), "an earlier copy is no longer shown");
        } finally {
            Rows.execute(db, "delete from domain_block where domain = '127.0.0.1'");
            policy.reload().await().atMost(WAIT);
        }
    }

    @Test
    void aPageIsNotAnImageAndTheLinkStays() throws Exception {
        String name = Api.unique("dee");
        String id = store(name, "/img/" + name + ".html", false);

        assertEquals(1, hits("/img/" + name + ".html"));
        assertNull(iconId(id));
        assertEquals(origin() + "/img/" + name + ".html", iconUrl(id), "the link stays");
    }

    @Test
    void aGroupsIconAndBannerAreCopiedWithNoOwner() throws Exception {
        String name = Api.unique("grp");
        banners.put(name, "/img/" + name + "-banner.png");
        String id = store(name, "/img/" + name + ".png", false);

        assertEquals(
                2,
                Rows.count(
                        db,
                        "select count(*) from community c join media m on m.id in (c.icon_id, c.banner_id)"
                                + " where c.ap_id = ? and m.owner_id is null",
                        id));
        assertEquals(
                "BANNER",
                Rows.string(
                        db,
                        "select m.purpose from community c join media m on m.id = c.banner_id where c.ap_id = ?",
                        id));
    }

    @Test
    void anIconOverItsSizeIsRefusedAndTheLinkStays() throws Exception {
        String name = Api.unique("fay");
        String id = store(name, "/img/" + name + ".big", false);

        assertEquals(1, hits("/img/" + name + ".big"));
        assertNull(iconId(id));
        assertEquals(origin() + "/img/" + name + ".big", iconUrl(id));
    }

    @Test
    void turnedOffNothingIsFetched() throws Exception {
        images.enable(false);
        String name = Api.unique("eve");
        String id = store(name, "/img/" + name + ".png", false);

        assertEquals(0, hits("/img/" + name + ".png"));
        assertNull(iconId(id));
    }
}
