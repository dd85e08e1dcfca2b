package org.lyceum.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.lyceum.common.GlobalId;
import org.lyceum.job.JobOutcome;
import org.lyceum.job.Jobs;
import org.lyceum.support.Api;
import org.lyceum.support.Rows;

/** Rows from before V20 (no HTML) get theirs from the text-backfill job, and keep their source. */
@QuarkusTest
class TextBackfillTest {

    @Inject
    DataSource db;

    @Inject
    Jobs jobs;

    @Test
    void rowsWithoutHtmlAreRenderedOnce() {
        Api.User owner = Api.user("owner");
        String community = Api.community(owner, "PUBLIC");
        String thread = Api.thread(owner, community, "Old thread");
        String reply = Api.reply(owner, thread, "Some **old** text");
        String id = GlobalId.uuid("id", reply, "Comment").toString();
        // As V20 left rows written before it.
        Rows.execute(db, "update content set body_html = null where id = ?::uuid", id);
        Rows.execute(
                db,
                "update person set summary = 'A *teacher*', summary_html = null where id = ?::uuid",
                GlobalId.uuid("id", owner.personId(), "Person").toString());

        assertEquals(
                Optional.of(JobOutcome.SUCCEEDED),
                jobs.runNow(TextBackfill.JOB).await().atMost(Duration.ofSeconds(30)));
        assertEquals(
                "<p>Some <strong>old</strong> text</p>",
                Rows.string(db, "select body_html from content where id = ?::uuid", id));
        assertEquals("Some **old** text", Rows.string(db, "select body from content where id = ?::uuid", id));
        assertEquals(
                "<p>A <em>teacher</em></p>",
                Rows.string(
                        db,
                        "select summary_html from person where id = ?::uuid",
                        GlobalId.uuid("id", owner.personId(), "Person").toString()));
        assertEquals(
                0L,
                Rows.count(db, "select count(*) from content where body_html is null and body is not null"),
                "nothing is left for the next run");
        Api.call(owner, "query($id: ID!) { node(id: $id) { ... on Comment { contentHtml } } }", Map.of("id", reply))
                .body("data.node.contentHtml", org.hamcrest.Matchers.equalTo("<p>Some <strong>old</strong> text</p>"));
    }
}
