package org.lyceum.federation.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.lyceum.federation.delivery.DeliveryWorker;
import org.lyceum.job.Jobs;
import org.lyceum.support.Api;
import org.lyceum.support.InMemorySpans;
import org.lyceum.support.Rows;

/**
 * One createThread request, traced: the GraphQL span and the SQL statements it ran share one
 * trace, and the deliveries that later announce the thread (sent by a job, in traces of their
 * own) link back to it through the activity's stored traceparent.
 */
@QuarkusTest
class TracingTest extends InboxFixture {

    @Inject
    Jobs jobs;

    @Test
    void aMutationsSpansRunFromGraphQLToSqlAndItsDeliveriesLinkBackToIt() {
        Api.User owner = Api.user("tracer");
        String community = Api.community(owner, "PUBLIC");
        follow(mallory, communityApId(community));
        publisher.drain().await().atMost(Duration.ofSeconds(20));

        long before = System.nanoTime();
        Api.thread(owner, community, "Photosynthesis");
        List<SpanData> spans = since(before);
        SpanData graphql = spans.stream()
                .filter(s -> s.getName().equals("GraphQL mutation createThread"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no GraphQL span for createThread among " + names(spans)));
        String trace = graphql.getTraceId();
        List<SpanData> sql = spans.stream()
                .filter(s -> s.getTraceId().equals(trace))
                .filter(s -> s.getAttributes().asMap().keySet().stream()
                        .anyMatch(k -> k.getKey().startsWith("db.")))
                .toList();
        assertFalse(sql.isEmpty(), "the mutation's SQL statements are spans of its trace: " + names(spans));
        assertTrue(
                sql.stream().anyMatch(s -> statement(s).contains("insert into activity")),
                "among them the insert of its activity: "
                        + sql.stream().map(TracingTest::statement).toList());
        assertEquals(
                1,
                Rows.count(
                        db,
                        "select count(*) from activity where verb = 'CREATE' and trace_parent like ?",
                        "00-" + trace + "-%"),
                "the activity keeps the trace it was recorded in");

        publisher.drain().await().atMost(Duration.ofSeconds(20));
        jobs.runNow(DeliveryWorker.JOB).await().atMost(Duration.ofSeconds(20));
        await("a delivery linked to the createThread trace", () -> !linkedDeliveries(before, trace)
                .isEmpty());
        List<SpanData> deliveries = since(before).stream()
                .filter(s -> s.getName().equals("federation deliver"))
                .filter(s -> s.getLinks().stream().map(LinkData::getSpanContext).anyMatch(c -> c.getTraceId()
                        .equals(trace)))
                .toList();
        assertFalse(deliveries.isEmpty(), "a delivery links to the createThread trace: " + names(since(before)));
        for (SpanData delivery : deliveries) {
            assertFalse(trace.equals(delivery.getTraceId()), "a delivery is a trace of its own, linked");
            assertEquals("DELIVERED", delivery.getAttributes().get(AttributeKey.stringKey("lyceum.outcome")));
            assertTrue(
                    Rows.count(
                                    db,
                                    "select count(*) from delivery where activity_id = ? and trace_parent like ?",
                                    delivery.getAttributes().get(AttributeKey.stringKey("lyceum.activity.id")),
                                    "00-" + trace + "-%")
                            > 0,
                    "the span names the delivered activity, whose rows carry the trace");
        }
    }

    private static List<SpanData> linkedDeliveries(long since, String trace) {
        return since(since).stream()
                .filter(s -> s.getName().equals("federation deliver"))
                .filter(s -> s.getLinks().stream().map(LinkData::getSpanContext).anyMatch(c -> c.getTraceId()
                        .equals(trace)))
                .toList();
    }

    private static String statement(SpanData span) {
        String text = span.getAttributes().get(AttributeKey.stringKey("db.query.text"));
        if (text == null) {
            text = span.getAttributes().get(AttributeKey.stringKey("db.statement"));
        }
        return String.valueOf(text).toLowerCase(java.util.Locale.ROOT);
    }

    private static List<SpanData> since(long nanos) {
        long epochNanos = System.currentTimeMillis() * 1_000_000L - (System.nanoTime() - nanos);
        return InMemorySpans.finished().stream()
                .filter(s -> s.getStartEpochNanos() >= epochNanos - 5_000_000L)
                .toList();
    }

    private static String names(List<SpanData> spans) {
        return spans.stream()
                .map(s -> s.getName() + "@" + s.getTraceId().substring(0, 6))
                .collect(Collectors.joining(", "));
    }
}
