package org.lyceum.federation.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lyceum.support.Api;
import org.lyceum.support.Rows;

/**
 * A local activity whose deliveries cannot be written is neither lost nor allowed to hold back
 * other actors' rows; its own actor's later rows wait behind it, to keep their order. The failure is PostgreSQL's own: a trigger refuses the delivery rows of
 * threads with a marker in their title, as a full disk or a broken constraint would.
 */
@QuarkusTest
class PublishRetryTest extends InboxFixture {

    @Test
    void aRowThatFailsIsTriedAgainHoldsBackItsActorOnlyAndIsGivenUpAfterItsLastAttempt() {
        String marker = "refused-" + UUID.randomUUID();
        Api.User owner = Api.user("owner");
        Api.User member = Api.user("member");
        String community = Api.community(owner, "PUBLIC");
        Api.join(member, community);
        follow(mallory, communityApId(community));
        publisher.drain().await().atMost(Duration.ofSeconds(20));
        Rows.execute(
                db,
                "create or replace function test_refuse_delivery() returns trigger language plpgsql as $$"
                        + " begin if new.body like '%" + marker
                        + "%' then raise exception 'no space left on device (test)'; end if;"
                        + " return new; end $$");
        Rows.execute(
                db,
                "create trigger test_refuse_delivery before insert on delivery for each row execute function test_refuse_delivery()");
        try {
            String refused = objectApId(Api.thread(owner, community, "Sums " + marker), "Thread");
            String held = objectApId(Api.thread(owner, community, "Differences"), "Thread");
            String other = objectApId(Api.thread(member, community, "Products"), "Thread");
            assertEquals(
                    2,
                    deliveredMentioning("Announce", other),
                    "another actor's row after the failing one is published");
            assertEquals(0, deliveredMentioning("Announce", refused));
            assertEquals("1 unpublished, waiting", publishState(refused), "the failing row is kept for a later try");
            assertTrue(error(refused).contains("no space left on device (test)"), error(refused));
            assertEquals(0, deliveredMentioning("Announce", held), "the same actor's next row waits behind it");
            assertEquals("0 unpublished, due", publishState(held));

            Rows.execute(db, "drop trigger test_refuse_delivery on delivery");
            Rows.execute(db, "update activity set publish_after = now() where object_id = ?::uuid", uuid(refused));
            assertEquals(2, deliveredMentioning("Announce", refused), "the next try publishes it");
            assertEquals("1 published, due", publishState(refused));
            assertEquals("", error(refused), "a row published at last keeps no error");
            assertEquals(2, deliveredMentioning("Announce", held), "then the row held behind it");
            assertTrue(firstDelivery(refused) < firstDelivery(held), "in the actor's order");

            Rows.execute(
                    db,
                    "create trigger test_refuse_delivery before insert on delivery for each row execute function test_refuse_delivery()");
            String doomed = objectApId(Api.thread(owner, community, "Ratios " + marker), "Thread");
            Rows.execute(db, "update activity set publish_attempts = 9 where object_id = ?::uuid", uuid(doomed));
            assertEquals(0, deliveredMentioning("Announce", doomed));
            assertEquals("10 published, waiting", publishState(doomed), "the tenth failure gives the row up");
            assertTrue(
                    error(doomed).contains("no space left on device (test)"),
                    "a row given up keeps its error: " + error(doomed));
            String after = objectApId(Api.thread(owner, community, "Percentages"), "Thread");
            assertEquals(2, deliveredMentioning("Announce", after), "and holds nothing back any more");
        } finally {
            Rows.execute(db, "drop trigger if exists test_refuse_delivery on delivery");
            Rows.execute(db, "drop function if exists test_refuse_delivery()");
        }
    }

    private long firstDelivery(String threadApId) {
        return Rows.count(db, "select min(id) from delivery where body like ?", "%" + threadApId + "%");
    }

    private static String uuid(String apId) {
        return apId.substring(apId.lastIndexOf('/') + 1);
    }

    /** "attempts published|unpublished, waiting|due" of the thread's CREATE row. */
    private String publishState(String threadApId) {
        return Rows.string(
                db,
                "select publish_attempts || case when federated_at is null then ' unpublished' else ' published' end"
                        + " || case when publish_after > now() then ', waiting' else ', due' end"
                        + " from activity where verb = 'CREATE' and object_id = ?::uuid",
                uuid(threadApId));
    }

    private String error(String threadApId) {
        return Rows.string(
                db,
                "select coalesce(publish_error, '') from activity where verb = 'CREATE' and object_id = ?::uuid",
                uuid(threadApId));
    }
}
