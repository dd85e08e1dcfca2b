package org.lyceum.federation.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.lyceum.ratelimit.EmptyBuckets;
import org.lyceum.ratelimit.RateClass;
import org.lyceum.ratelimit.RateLimits;
import org.lyceum.support.Rows;

/** Inbox POSTs take tokens per remote host; over the limit, 429 with Retry-After before any signature work. */
@QuarkusTest
class InboxRateLimitTest extends InboxFixture {

    @Test
    void aHostOverItsLimitGets429WithRetryAfterAndNothingIsStored() {
        String host = RateLimits.host(Objects.requireNonNull(Origin.hostOf(mallory)));
        JsonObject first = activity("Like", mallory, "https://lyceum.test/nothing-here");
        assertEquals(202, signed("mallory", "/inbox", first, false).statusCode(), "within the limit");

        EmptyBuckets.empty(db, RateClass.INBOX, host);
        JsonObject over = activity("Like", mallory, "https://lyceum.test/nothing-here");
        Response refused = signed("mallory", "/inbox", over, false);
        assertEquals(429, refused.statusCode(), refused.asString());
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "seconds to wait: " + retryAfter);
        assertTrue(refused.asString().contains("too many activities"), refused.asString());
        assertEquals(0, Rows.count(db, "select count(*) from inbox_activity where ap_id = ?", over.getString("id")));

        EmptyBuckets.forget(db, RateClass.INBOX, host);
        assertEquals(202, signed("mallory", "/inbox", over, false).statusCode(), "the retry is taken");
    }
}
