package org.lyceum.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.lyceum.common.GlobalId;
import org.lyceum.ratelimit.EmptyBuckets;
import org.lyceum.ratelimit.RateClass;
import org.lyceum.ratelimit.RateLimits;
import org.lyceum.support.Api;
import org.lyceum.support.Api.User;

/** Subscribe messages take tokens of their own class: over it, the protocol's error with RATE_LIMITED. */
@QuarkusTest
class SubscriptionRateLimitTest {

    @Inject
    DataSource db;

    @Test
    void aSubscribeOverTheLimitGetsAnErrorWithRetryAfterAndTheSocketStaysUsable() throws Exception {
        User owner = Api.user("owner");
        User eager = Api.user("eager");
        String community = Api.community(owner, "PUBLIC");
        String thread = Api.thread(owner, community, "Live");
        String key = RateLimits.person(GlobalId.decode("id", eager.personId()).uuid());
        try (LiveClient live = LiveClient.connect(eager.token())) {
            EmptyBuckets.empty(db, RateClass.SUBSCRIPTIONS, key);
            live.subscribe("s1", SubscriptionTest.COMMENTS, Map.of("t", thread));
            JsonObject refused = live.next();
            assertEquals("error", refused.getString("type"), refused.encode());
            assertEquals("s1", refused.getString("id"));
            JsonObject extensions =
                    refused.getJsonArray("payload").getJsonObject(0).getJsonObject("extensions");
            assertEquals("RATE_LIMITED", extensions.getString("code"));
            long retryAfter = extensions.getLong("retryAfter");
            assertTrue(retryAfter >= 1 && retryAfter <= 60, "seconds to wait: " + retryAfter);

            // A full bucket again (as after the wait): the same socket subscribes and gets events.
            EmptyBuckets.forget(db, RateClass.SUBSCRIPTIONS, key);
            live.subscribe("s2", SubscriptionTest.COMMENTS, Map.of("t", thread));
            Thread.sleep(300);
            Api.reply(owner, thread, "Now you hear me");
            JsonObject event = live.next();
            assertEquals("next", event.getString("type"), event.encode());
            assertEquals("s2", event.getString("id"));
        }
    }
}
