package org.lyceum.live;

import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.lyceum.support.Api;

/**
 * Row 42 of docs/permissions.md over WebSocket: a suspended account subscribes to nothing, and a
 * subscription it opened before hears nothing while the suspension holds.
 */
@QuarkusTest
class SuspendedSubscriptionTest {

    @Test
    void row42ASuspendedAccountsSubscriptionIsRefused() throws Exception {
        Api.User staff = Api.user("staff", "user", "moderator");
        Api.User suspended = Api.user("suspended");
        Api.call(
                        staff,
                        "mutation($p: ID!) { suspendPerson(input: {personId: $p, reason: \"spam\"}) { id } }",
                        Map.of("p", suspended.personId()))
                .body("errors", nullValue());
        try (LiveClient client = LiveClient.connect(suspended.token())) {
            client.subscribe("n", "subscription { notificationAdded { kind } }", Map.of());
            JsonObject refused = client.next();
            assertEquals("error", refused.getString("type"), refused.encode());
            assertEquals(
                    "SUSPENDED",
                    refused.getJsonArray("payload")
                            .getJsonObject(0)
                            .getJsonObject("extensions")
                            .getString("code"));
        }
    }

    @Test
    void aSubscriptionOpenBeforeTheSuspensionHearsNothingWhileItHolds() throws Exception {
        Api.User staff = Api.user("staff", "user", "moderator");
        Api.User teacher = Api.user("teacher");
        Api.User other = Api.user("other");
        String community = Api.community(teacher, "PUBLIC");
        Api.join(other, community);
        String thread = Api.thread(teacher, community, "Still listening?");
        try (LiveClient live = LiveClient.connect(teacher.token())) {
            live.subscribe("c", SubscriptionTest.COMMENTS, Map.of("t", thread));
            live.subscribe("f", SubscriptionTest.FEED, Map.of("c", community));
            live.subscribe("n", "subscription { notificationAdded { kind } }", Map.of());
            Thread.sleep(300); // the subscriptions are registered once their checks have run
            Api.reply(other, thread, "Before");
            assertEquals(List.of("c", "f", "n"), heard(live), "before the suspension, a reply arrives on all three");

            Api.call(
                            staff,
                            "mutation($p: ID!) { suspendPerson(input: {personId: $p, reason: \"spam\"}) { id } }",
                            Map.of("p", teacher.personId()))
                    .body("errors", nullValue());
            Api.reply(other, thread, "During");
            assertNull(live.poll(1500), "nothing while suspended");

            Api.call(
                            staff,
                            "mutation($p: ID!) { unsuspendPerson(input: {personId: $p}) { id } }",
                            Map.of("p", teacher.personId()))
                    .body("errors", nullValue());
            Api.reply(other, thread, "After");
            assertEquals(List.of("c", "f", "n"), heard(live), "lifted, the same subscriptions hear again");
        }
    }

    /** The ids of the next three messages, sorted: one per subscription when each heard the reply. */
    private static List<String> heard(LiveClient live) throws InterruptedException {
        return Stream.of(live.next(), live.next(), live.next())
                .map(m -> m.getString("id"))
                .sorted()
                .toList();
    }
}
