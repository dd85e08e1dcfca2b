package org.lyceum.live;

import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lyceum.support.Api;

/** Row 42 of docs/permissions.md over WebSocket: a suspended account subscribes to nothing. */
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
}
