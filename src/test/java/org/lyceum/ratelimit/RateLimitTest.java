package org.lyceum.ratelimit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.lyceum.common.GlobalId;
import org.lyceum.support.Api;
import org.lyceum.support.Api.User;
import org.lyceum.support.GraphQL;
import org.lyceum.support.Rows;

/**
 * Each limited GraphQL class and uploads, end to end: an emptied bucket (as after a burst) refuses
 * the next request with RATE_LIMITED and the seconds to wait; others' buckets are untouched.
 * The suite's buckets refill one token a minute (application.properties), so an emptied one
 * stays empty for the test.
 */
@QuarkusTest
class RateLimitTest {

    private static final String CREATE_COMMUNITY =
            "mutation($input: CreateCommunityInput!) { createCommunity(input: $input) { community { id } } }";
    private static final String REPORT = "mutation($input: ReportInput!) { reportObject(input: $input) { id } }";
    private static final String PREVIEW = "query($url: String!) { fetchWebMetadata(url: $url) { title } }";
    private static final String RESOLVE = "query($q: String!) { resolve(query: $q) { id } }";

    @Inject
    DataSource db;

    @Inject
    MeterRegistry meters;

    private static String person(User user) {
        return RateLimits.person(GlobalId.decode("id", user.personId()).uuid());
    }

    private static void rateLimited(ValidatableResponse response, String field) {
        response.body("data." + field, nullValue())
                .body("errors[0].extensions.code", equalTo("RATE_LIMITED"))
                .body("errors[0].extensions.retryAfter", allOf(greaterThanOrEqualTo(1), lessThanOrEqualTo(60)))
                .body("errors[0].path[0]", equalTo(field));
    }

    private double refused(RateClass rateClass) {
        return meters.counter("lyceum.rate.limit.refusals", "class", rateClass.key())
                .count();
    }

    @Test
    void contentIsRefusedOverTheLimitAndNothingIsWrittenWhileOthersGoOn() {
        User greedy = Api.user("greedy");
        User other = Api.user("other");
        Api.community(greedy, "PUBLIC"); // within the limit
        EmptyBuckets.empty(db, RateClass.CONTENT, person(greedy));
        double before = refused(RateClass.CONTENT);
        String name = Api.unique("c");

        rateLimited(
                Api.call(
                        greedy,
                        CREATE_COMMUNITY,
                        Map.of("input", Map.of("name", name, "title", "Too many", "visibility", "PUBLIC"))),
                "createCommunity");
        assertEquals(0, Rows.count(db, "select count(*) from community where name = ?", name));
        assertEquals(before + 1, refused(RateClass.CONTENT), "counted in lyceum_rate_limit_refusals_total");

        assertNotNull(Api.community(other, "PUBLIC"), "another person's bucket is their own");
        EmptyBuckets.forget(db, RateClass.CONTENT, person(greedy));
        assertNotNull(Api.community(greedy, "PUBLIC"), "a full bucket again: granted");
    }

    @Test
    void reportsHaveTheirOwnBucket() {
        User reporter = Api.user("reporter");
        String community = Api.community(reporter, "PUBLIC");
        EmptyBuckets.empty(db, RateClass.REPORTS, person(reporter));
        rateLimited(
                Api.call(reporter, REPORT, Map.of("input", Map.of("id", community, "reason", "spam"))), "reportObject");
        // Content is another class: the same person still creates.
        assertNotNull(Api.community(reporter, "PUBLIC"));
    }

    @Test
    void remoteFetchesAreLimitedPerPerson() {
        User curious = Api.user("curious");
        EmptyBuckets.empty(db, RateClass.REMOTE_FETCH, person(curious));
        rateLimited(Api.call(curious, PREVIEW, Map.of("url", "https://example.org/")), "fetchWebMetadata");
        rateLimited(Api.call(curious, RESOLVE, Map.of("q", "@someone@example.org")), "resolve");
    }

    @Test
    void anonymousCallersAreLimitedByTheirAddress() {
        // resolve refuses the anonymous caller, but only after its token is taken: find the address's bucket.
        GraphQL.anonymous(RESOLVE, Map.of("q", "@someone@example.org"))
                .body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
        String address = Rows.string(
                db,
                "select key from rate_limit_bucket where class = ? and key like 'ip:%' order by updated_at desc limit 1",
                RateClass.REMOTE_FETCH.key());
        assertNotNull(address, "the anonymous caller has a bucket by address");
        assertTrue(
                address.equals("ip:127.0.0.1") || address.contains(":0:0:0:0:0:0:1") || address.endsWith("::1"),
                address);
        try {
            EmptyBuckets.empty(db, RateClass.REMOTE_FETCH, address);
            rateLimited(GraphQL.anonymous(RESOLVE, Map.of("q", "@someone@example.org")), "resolve");
            // A person calling from the same address has a bucket of their own.
            User signedIn = Api.user("signedin");
            Api.call(signedIn, PREVIEW, Map.of("url", "http://127.0.0.1:1/"))
                    .body("errors[0].extensions.code", equalTo("PREVIEW_UNAVAILABLE"));
        } finally {
            EmptyBuckets.forget(db, RateClass.REMOTE_FETCH, address);
        }
    }

    @Test
    void uploadsOverTheLimitAre429WithRetryAfterBeforeTheBodyIsRead() {
        User uploader = Api.user("uploader");
        EmptyBuckets.empty(db, RateClass.UPLOADS, person(uploader));
        String stored = "select count(*) from media where owner_id = ?";
        given().auth()
                .oauth2(uploader.token())
                .header("Expect", "100-continue")
                .multiPart(
                        "file",
                        Path.of("src/test/resources/media/worksheet.pdf").toFile(),
                        "application/pdf")
                .post("/uploads?purpose=RESOURCE")
                .then()
                .statusCode(429)
                .header("Retry-After", org.hamcrest.Matchers.matchesPattern("[1-9][0-9]?"))
                .body("code", equalTo("RATE_LIMITED"))
                .body("message", org.hamcrest.Matchers.containsString("uploads"));
        assertEquals(
                0,
                Rows.count(
                        db, stored, GlobalId.decode("id", uploader.personId()).uuid()));
    }
}
