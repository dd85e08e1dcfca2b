package org.lyceum.federation.inbox;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lyceum.digest.DigestJobs;
import org.lyceum.job.Jobs;
import org.lyceum.support.Api;

/**
 * Every metric family docs/operations.md lists is on /q/metrics (management port) once the instance has done a
 * little of everything: taken a Follow, refused a forged signature, answered GraphQL, run a job.
 */
@QuarkusTest
class MetricsTest extends InboxFixture {

    static final List<String> FAMILIES = List.of(
            "lyceum_deliveries_total",
            "lyceum_deliveries_queued",
            "lyceum_deliveries_oldest_age_seconds",
            "lyceum_federation_hosts",
            "lyceum_inbox_received_total",
            "lyceum_inbox_processed_total",
            "lyceum_inbox_signature_failures_total",
            "lyceum_inbox_queued",
            "lyceum_digests_total",
            "lyceum_lock_acquisitions_total",
            "lyceum_lock_losses_total",
            "lyceum_lock_fencing_refusals_total",
            "lyceum_job_runs_total",
            "lyceum_graphql_operations_seconds_count",
            "lyceum_rate_limit_refusals_total",
            "lyceum_link_previews_total",
            "lyceum_event_loop_lag_seconds_count");

    @Inject
    Jobs jobs;

    /** /q/metrics on the management interface. */
    @TestHTTPResource(value = "metrics", management = true)
    URL metricsUrl;

    @Test
    void everyFamilyIsExposedWithBoundedLabels() {
        Api.User owner = Api.user("metered");
        String community = Api.community(owner, "PUBLIC");
        follow(mallory, communityApId(community));
        JsonObject forged = activity("Like", mallory, id("notes"));
        Map<String, String> headers = peer.sign(
                "mallory",
                java.net.URI.create("https://lyceum.test/inbox"),
                StubPeer.bytes(forged),
                false,
                java.time.Clock.systemUTC());
        byte[] tampered = StubPeer.bytes(forged.put("object", id("other")));
        assertEquals(401, post("/inbox", tampered, headers).statusCode(), "a body that is not what was signed");
        jobs.runNow(DigestJobs.PRUNE).await().atMost(Duration.ofSeconds(20));
        jobs.runNow(DigestJobs.SEND).await().atMost(Duration.ofSeconds(20));

        String metrics =
                given().get(metricsUrl).then().statusCode(200).extract().asString();
        for (String family : FAMILIES) {
            assertTrue(metrics.contains("\n" + family), family + " is missing from /q/metrics");
        }
        assertTrue(
                metrics.contains("lyceum_inbox_received_total{outcome=\"accepted\",type=\"Follow\"}"),
                "the Follow was counted by its type");
        assertTrue(
                metrics.contains("lyceum_graphql_operations_seconds_count{field=\"createCommunity\",outcome=\"ok\""),
                "GraphQL operations are counted by top-level field");
        assertTrue(metrics.contains("lyceum_job_runs_total{job=\"" + DigestJobs.PRUNE + "\",outcome=\"SUCCEEDED\"}"));
    }
}
