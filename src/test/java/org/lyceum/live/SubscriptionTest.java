package org.lyceum.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.lyceum.support.Api;
import org.lyceum.support.Api.User;
import org.lyceum.support.Tokens;

/** GraphQL subscriptions over graphql-transport-ws on /graphql, with a real WebSocket client. */
@QuarkusTest
class SubscriptionTest {

    @Inject
    DataSource db;

    static final String COMMENTS =
            "subscription($t: ID!) { commentAdded(threadId: $t) { id content author { username } } }";
    static final String FEED =
            "subscription($c: ID!) { communityFeedAdded(communityId: $c) { verb object { __typename id } } }";
    private static final String BAN = "mutation($input: BanInput!) { banFromCommunity(input: $input) { id } }";
    private static final String DECIDE =
            "mutation($input: DecideJoinRequestInput!) { decideJoinRequest(input: $input) { community { id } } }";

    @Test
    void aReplyPostedThroughGraphQLArrivesAsNext() throws Exception {
        User owner = Api.user("owner");
        User reader = Api.user("reader");
        String community = Api.community(owner, "PUBLIC");
        String thread = Api.thread(owner, community, "Fractions?");
        try (LiveClient live = LiveClient.connect(reader.token())) {
            live.subscribe("c", COMMENTS, Map.of("t", thread));
            live.subscribe("f", FEED, Map.of("c", community));
            Thread.sleep(300); // the subscriptions are registered once their checks have run
            String reply = Api.reply(owner, thread, "Pizza.");

            List<JsonObject> got = List.of(live.next(), live.next());
            JsonObject comment = got.stream()
                    .filter(m -> m.getString("id").equals("c"))
                    .findFirst()
                    .orElseThrow();
            assertEquals("next", comment.getString("type"));
            JsonObject added =
                    comment.getJsonObject("payload").getJsonObject("data").getJsonObject("commentAdded");
            assertEquals(reply, added.getString("id"));
            assertEquals("Pizza.", added.getString("content"));
            assertEquals(owner.username(), added.getJsonObject("author").getString("username"));
            JsonObject feed = got.stream()
                    .filter(m -> m.getString("id").equals("f"))
                    .findFirst()
                    .orElseThrow();
            JsonObject item =
                    feed.getJsonObject("payload").getJsonObject("data").getJsonObject("communityFeedAdded");
            assertEquals("CREATE", item.getString("verb"));
            assertEquals(reply, item.getJsonObject("object").getString("id"));

            live.complete("c");
            Api.reply(owner, thread, "Or cake.");
            JsonObject after = live.next();
            assertEquals("f", after.getString("id"), "completed subscriptions get nothing more: " + after);
            assertNull(live.poll(500));
        }
    }

    @Test
    void notificationsArriveForTheirRecipientOnlyAndAnonymousCallersAreRefused() throws Exception {
        User teacher = Api.user("teacher");
        User other = Api.user("other");
        String community = Api.community(teacher, "PUBLIC");
        Api.join(other, community);
        String thread = Api.thread(teacher, community, "Marking");
        String query = "subscription { notificationAdded { kind read actor { username } object { id } } }";
        try (LiveClient mine = LiveClient.connect(teacher.token());
                LiveClient theirs = LiveClient.connect(other.token());
                LiveClient anonymous = LiveClient.connect(null)) {
            mine.subscribe("n", query, Map.of());
            theirs.subscribe("n", query, Map.of());
            anonymous.subscribe("n", query, Map.of());
            JsonObject refused = anonymous.next();
            assertEquals("error", refused.getString("type"), refused.encode());
            assertEquals(
                    "UNAUTHENTICATED",
                    refused.getJsonArray("payload")
                            .getJsonObject(0)
                            .getJsonObject("extensions")
                            .getString("code"));
            Thread.sleep(300); // the subscriptions are registered once their checks have run
            String reply = Api.reply(other, thread, "Halves first");

            JsonObject next = mine.next();
            assertEquals("next", next.getString("type"), next.encode());
            JsonObject added =
                    next.getJsonObject("payload").getJsonObject("data").getJsonObject("notificationAdded");
            assertEquals("REPLY", added.getString("kind"));
            assertEquals(false, added.getBoolean("read"));
            assertEquals(other.username(), added.getJsonObject("actor").getString("username"));
            assertEquals(reply, added.getJsonObject("object").getString("id"));
            assertNull(theirs.poll(500), "the replier is not told of their own reply");
        }
    }

    @Test
    void eventsCloseTogetherAllArriveAndQueriesGoByPost() throws Exception {
        User owner = Api.user("owner");
        String community = Api.community(owner, "PUBLIC");
        String thread = Api.thread(owner, community, "Burst");
        // Six replies at once, with a field resolved asynchronously: every one arrives. (SmallRye
        // asks for one event at a time; this did not lose any with the old drop either.)
        String query = "subscription($t: ID!) { commentAdded(threadId: $t) { id thread { id } } }";
        try (LiveClient live = LiveClient.connect(owner.token())) {
            live.subscribe("c", query, Map.of("t", thread));
            Thread.sleep(300);
            List<java.util.concurrent.CompletableFuture<String>> replies = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String text = "Reply " + i;
                replies.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> Api.reply(owner, thread, text)));
            }
            java.util.Set<String> posted = new java.util.HashSet<>();
            for (var reply : replies) {
                posted.add(reply.get());
            }
            java.util.Set<String> got = new java.util.HashSet<>();
            for (int i = 0; i < posted.size(); i++) {
                JsonObject next = live.next();
                assertEquals("next", next.getString("type"), next.encode());
                got.add(next.getJsonObject("payload")
                        .getJsonObject("data")
                        .getJsonObject("commentAdded")
                        .getString("id"));
            }
            assertEquals(posted, got);

            live.subscribe("q", "{ instance { name } }", Map.of());
            JsonObject refused = live.next();
            assertEquals("error", refused.getString("type"), refused.encode());
            assertEquals(
                    "BAD_QUERY",
                    refused.getJsonArray("payload")
                            .getJsonObject(0)
                            .getJsonObject("extensions")
                            .getString("code"));
        }
    }

    @Test
    void unknownAndPrivateThreadsAreTheSameNotFound() throws Exception {
        User owner = Api.user("owner");
        User outsider = Api.user("outsider");
        String secret = Api.community(owner, "PRIVATE");
        String hidden = Api.thread(owner, secret, "Staff room");
        String unknown = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("Thread:" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
        try (LiveClient live = LiveClient.connect(outsider.token())) {
            live.subscribe("1", COMMENTS, Map.of("t", unknown));
            JsonObject first = live.next();
            live.subscribe("2", COMMENTS, Map.of("t", hidden));
            JsonObject second = live.next();
            live.subscribe("3", FEED, Map.of("c", secret));
            JsonObject third = live.next();
            for (JsonObject error : List.of(first, second, third)) {
                assertEquals("error", error.getString("type"), error.encode());
                assertEquals(
                        "NOT_FOUND",
                        error.getJsonArray("payload")
                                .getJsonObject(0)
                                .getJsonObject("extensions")
                                .getString("code"));
            }
            assertEquals(
                    first.getJsonArray("payload").encode(),
                    second.getJsonArray("payload").encode(),
                    "nothing tells a hidden thread from a missing one");
            assertNull(live.poll(300), "no complete follows an error");
        }
    }

    @Test
    void overTheCapsTheNewSubscriptionIsRateLimitedAndNothingElseIsDisturbed() throws Exception {
        User owner = Api.user("owner");
        User greedy = Api.user("greedy");
        String community = Api.community(owner, "PUBLIC");
        String thread = Api.thread(owner, community, "Busy");
        List<LiveClient> others = new ArrayList<>();
        try (LiveClient live = LiveClient.connect(greedy.token())) {
            for (int i = 0; i < 20; i++) {
                live.subscribe("s" + i, COMMENTS, Map.of("t", thread));
            }
            live.subscribe("s20", COMMENTS, Map.of("t", thread));
            JsonObject refused = live.next();
            assertEquals("error", refused.getString("type"));
            assertEquals("s20", refused.getString("id"));
            assertEquals(
                    "RATE_LIMITED",
                    refused.getJsonArray("payload")
                            .getJsonObject(0)
                            .getJsonObject("extensions")
                            .getString("code"));

            // Four more connections with subscriptions are allowed (five per person), a sixth is not.
            for (int i = 0; i < 4; i++) {
                LiveClient other = LiveClient.connect(greedy.token());
                others.add(other);
                other.subscribe("x", COMMENTS, Map.of("t", thread));
            }
            Thread.sleep(500); // each socket's subscribe is counted when the server reads it
            try (LiveClient sixth = LiveClient.connect(greedy.token())) {
                sixth.subscribe("y", COMMENTS, Map.of("t", thread));
                JsonObject tooMany = sixth.next();
                assertEquals("error", tooMany.getString("type"));
                assertEquals(
                        "RATE_LIMITED",
                        tooMany.getJsonArray("payload")
                                .getJsonObject(0)
                                .getJsonObject("extensions")
                                .getString("code"));
            }

            Thread.sleep(300);
            Api.reply(owner, thread, "Still here?");
            for (int i = 0; i < 20; i++) {
                assertEquals("next", live.next().getString("type"));
            }
            for (LiveClient other : others) {
                assertEquals("next", other.next().getString("type"));
            }
        } finally {
            others.forEach(LiveClient::close);
        }
    }

    @Test
    void aMemberBannedFromAPrivateCommunityStopsReceiving() throws Exception {
        User owner = Api.user("owner");
        User member = Api.user("member");
        String community = Api.community(owner, "PRIVATE");
        Api.join(member, community);
        Api.ok(
                owner,
                DECIDE,
                Map.of("communityId", community, "personId", member.personId(), "approve", true),
                "data.decideJoinRequest.community.id");
        String thread = Api.thread(owner, community, "Plans");
        try (LiveClient watcher = LiveClient.connect(owner.token());
                LiveClient live = LiveClient.connect(member.token())) {
            watcher.subscribe("w", COMMENTS, Map.of("t", thread));
            live.subscribe("m", COMMENTS, Map.of("t", thread));
            Thread.sleep(300);
            Api.reply(owner, thread, "For members.");
            assertEquals("next", live.next().getString("type"));
            assertEquals("next", watcher.next().getString("type"));

            Api.ok(
                    owner,
                    BAN,
                    Map.of("communityId", community, "personId", member.personId(), "reason", "spam"),
                    "data.banFromCommunity.id");
            Api.reply(owner, thread, "After the ban.");
            assertEquals("next", watcher.next().getString("type"));
            assertNull(live.poll(500), "a banned member hears nothing more");
        }
    }

    @Test
    void aReplyWrittenWhileTheListenConnectionIsDownArrivesAfterItsReconnect() throws Exception {
        User owner = Api.user("owner");
        String community = Api.community(owner, "PUBLIC");
        String thread = Api.thread(owner, community, "Outage");
        try (LiveClient live = LiveClient.connect(owner.token())) {
            live.subscribe("c", COMMENTS, Map.of("t", thread));
            Thread.sleep(300);
            try (Connection c = db.getConnection();
                    Statement s = c.createStatement()) {
                s.execute("select pg_terminate_backend(pid) from pg_stat_activity"
                        + " where datname = current_database() and query ilike 'listen%'");
            }
            String reply = Api.reply(owner, thread, "While nobody listened");
            JsonObject next = live.next(); // after the reconnect (1 s), from the rows
            assertEquals(
                    reply,
                    next.getJsonObject("payload")
                            .getJsonObject("data")
                            .getJsonObject("commentAdded")
                            .getString("id"));
            assertNull(live.poll(1_500), "delivered once");
        }
    }

    @Test
    void aSubscriptionOverTheQueryLimitsIsRefusedAsAPostWouldBe() throws Exception {
        User owner = Api.user("owner");
        String thread = Api.thread(owner, Api.community(owner, "PUBLIC"), "Aliases");
        StringBuilder aliases = new StringBuilder();
        for (int i = 0; i <= 30; i++) {
            aliases.append(" a").append(i).append(": id");
        }
        try (LiveClient live = LiveClient.connect(owner.token())) {
            live.subscribe(
                    "big",
                    "subscription($t: ID!) { commentAdded(threadId: $t) {" + aliases + " } }",
                    Map.of("t", thread));
            JsonObject refused = live.next();
            assertEquals("error", refused.getString("type"), refused.encode());
            assertEquals(
                    "QUERY_TOO_COMPLEX",
                    refused.getJsonArray("payload")
                            .getJsonObject(0)
                            .getJsonObject("extensions")
                            .getString("code"));
        }
    }

    @Test
    void aSubscribeBeforeTheAckIsClosedWith4401AndSilenceWith4408() throws Exception {
        User owner = Api.user("owner");
        String thread = Api.thread(owner, Api.community(owner, "PUBLIC"), "Early");
        try (LiveClient live = LiveClient.open()) {
            live.subscribe("c", COMMENTS, Map.of("t", thread));
            assertEquals(4401, live.closeCode());
        }
        // lyceum.subscriptions.connection-init-timeout is 2 s in tests.
        try (LiveClient live = LiveClient.open()) {
            assertEquals(4408, live.closeCode());
        }
    }

    @Test
    void anInvalidTokenIsClosedWith4403() throws Exception {
        try (LiveClient live = LiveClient.open()) {
            live.init("not.a.token");
            assertEquals(4403, live.closeCode());
        }
        String forged =
                Tokens.user("forger").issuer("https://elsewhere.example").sign();
        try (LiveClient live = LiveClient.open()) {
            live.init(forged);
            assertEquals(4403, live.closeCode());
        }
    }

    @Test
    void aTokenThatExpiresClosesTheSocketWith1008() throws Exception {
        User owner = Api.user("owner");
        String community = Api.community(owner, "PUBLIC");
        String thread = Api.thread(owner, community, "Soon");
        String expiring = owner.tokens().expiresAt(Instant.now().plusSeconds(3)).sign();
        try (LiveClient live = LiveClient.connect(expiring)) {
            live.subscribe("c", COMMENTS, Map.of("t", thread));
            assertEquals(1008, live.closeCode());
        }
    }

    @Test
    void whatSomeoneMutedMakesIsNotSentToTheMuter() throws Exception {
        User teacher = Api.user("teacher");
        User muted = Api.user("muted");
        User other = Api.user("other");
        String community = Api.community(teacher, "PUBLIC");
        Api.join(muted, community);
        Api.join(other, community);
        String thread = Api.thread(teacher, community, "Quiet please");
        Api.ok(
                teacher,
                "mutation($input: BlockInput!) { mute(input: $input) }",
                Map.of("id", muted.personId()),
                "data.mute");
        try (LiveClient live = LiveClient.connect(teacher.token())) {
            live.subscribe("c", COMMENTS, Map.of("t", thread));
            live.subscribe("f", FEED, Map.of("c", community));
            live.subscribe("n", "subscription { notificationAdded { kind actor { username } } }", Map.of());
            Thread.sleep(300); // the subscriptions are registered once their checks have run
            Api.reply(muted, thread, "Can you hear me?");
            assertNull(live.poll(1000), "no comment, feed item or notification from someone muted");
            String heard = Api.reply(other, thread, "I can be heard");
            List<JsonObject> got = List.of(live.next(), live.next(), live.next());
            assertEquals(
                    List.of("c", "f", "n"),
                    got.stream().map(m -> m.getString("id")).sorted().toList(),
                    "the others' reply arrives on all three: " + got);
            JsonObject comment = got.stream()
                    .filter(m -> m.getString("id").equals("c"))
                    .findFirst()
                    .orElseThrow();
            assertEquals(
                    heard,
                    comment.getJsonObject("payload")
                            .getJsonObject("data")
                            .getJsonObject("commentAdded")
                            .getString("id"));
        }
    }
}
