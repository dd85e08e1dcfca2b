package org.lyceum.job;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.lyceum.database.Sql;
import org.lyceum.lock.ClusterLock;
import org.lyceum.lock.Lease;
import org.lyceum.support.Api;
import org.lyceum.support.Rows;

@QuarkusTest
class JobsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    Jobs jobs;

    @Inject
    ClusterLock lock;

    @Inject
    Fence fence;

    @Inject
    Sql sql;

    @Inject
    DataSource db;

    @Test
    void aWriteUnderATokenOlderThanTheNewestIsRefused() throws Exception {
        String name = Api.unique("fence");
        Lease old = lock.tryAcquire(name, Duration.ofMillis(200))
                .await()
                .atMost(WAIT)
                .orElseThrow();
        sql.transaction(tx -> fence.check(tx, name, old.token())).await().atMost(WAIT);
        Thread.sleep(400);
        Lease current = lock.tryAcquire(name, Duration.ofSeconds(10))
                .await()
                .atMost(WAIT)
                .orElseThrow();
        assertTrue(current.token() > old.token());
        sql.transaction(tx -> fence.check(tx, name, current.token())).await().atMost(WAIT);

        // The former holder wakes up and writes: refused, and its write does not happen.
        Rows.execute(db, "create table if not exists fence_probe (name text, token bigint)");
        Throwable refused = null;
        try {
            sql.transaction(tx -> fence.check(tx, name, old.token())
                            .chain(() -> tx.run("insert into fence_probe values ($1, $2)", name, old.token())))
                    .await()
                    .atMost(WAIT);
        } catch (StaleTokenException | CompletionException e) {
            refused = e;
        }
        assertInstanceOf(
                StaleTokenException.class, refused instanceof CompletionException ? refused.getCause() : refused);
        assertEquals(0, Rows.count(db, "select count(*) from fence_probe where name = ?", name));
        sql.transaction(tx -> fence.check(tx, name, current.token())).await().atMost(WAIT);
    }

    @Test
    void aSingletonRunsOnceWhileLockedAndIsRecordedWithItsToken() {
        String name = Api.unique("job");
        jobs.register(JobSpec.singleton(
                name, null, null, ctx -> ctx.fenced(tx -> tx.run("select 1")).map(n -> "did " + n)));
        Lease held = lock.tryAcquire("job:" + name, Duration.ofSeconds(30))
                .await()
                .atMost(WAIT)
                .orElseThrow();
        assertEquals(Optional.empty(), jobs.runNow(name).await().atMost(WAIT), "another holder has it");
        lock.release(held).await().atMost(WAIT);
        assertEquals(
                Optional.of(JobOutcome.SUCCEEDED), jobs.runNow(name).await().atMost(WAIT));
        assertEquals(
                1,
                Rows.count(
                        db,
                        "select count(*) from job_run where name = ? and outcome = 'SUCCEEDED'"
                                + " and token = ? and holder = ? and detail = 'did 1'",
                        name,
                        held.token() + 1,
                        lock.holder()));
    }

    @Test
    void aRunWhoseLeasePassedOnIsFenced() {
        String name = Api.unique("stale");
        // The work takes over its own lock from the outside, as a second instance would after a pause.
        jobs.register(JobSpec.singleton(name, null, null, ctx -> Uni.createFrom()
                .voidItem()
                .chain(() -> sql.run(
                        "update cluster_lock set expires_at = now() where name = $1",
                        ctx.lease().name()))
                .chain(() -> lock.tryAcquire(ctx.lease().name(), Duration.ofSeconds(30)))
                .chain(newer -> sql.transaction(tx -> fence.check(
                        tx,
                        "postgres:" + ctx.lease().name(),
                        newer.orElseThrow().token())))
                .chain(() -> ctx.fenced(tx -> tx.run("select 1")))
                .map(n -> "wrote")));
        // Refused either way: by the fence at the write, or (on a slow machine, when the lease's
        // renewal comes between the takeover and the write) by the renewal noticing the loss first.
        Optional<JobOutcome> outcome = jobs.runNow(name).await().atMost(WAIT);
        org.junit.jupiter.api.Assertions.assertTrue(
                outcome.equals(Optional.of(JobOutcome.FENCED)) || outcome.equals(Optional.of(JobOutcome.LOCK_LOST)),
                String.valueOf(outcome));
        assertEquals(
                1,
                Rows.count(
                        db,
                        "select count(*) from job_run where name = ? and outcome = ?",
                        name,
                        outcome.get().name()));
    }

    @Test
    void adminsSeeJobsOthersDoNot() {
        String name = Api.unique("seen");
        jobs.register(
                JobSpec.singleton(name, null, null, ctx -> Uni.createFrom().item("ok")));
        jobs.runNow(name).await().atMost(WAIT);
        Api.User admin = Api.user("admin", "user", "admin");
        Api.call(
                        admin,
                        "{ jobs { name schedule singleton runs lastRun { holder token outcome durationMs detail } } }",
                        Map.of())
                .body("errors", org.hamcrest.Matchers.nullValue())
                .body("data.jobs.name", hasItem(name))
                .body("data.jobs.find { it.name == '" + name + "' }.lastRun.outcome", equalTo("SUCCEEDED"))
                .body("data.jobs.find { it.name == '" + name + "' }.lastRun.holder", equalTo(lock.holder()))
                .body("data.jobs.find { it.name == '" + name + "' }.runs", equalTo(1))
                .body("data.jobs.find { it.name == 'digest-plan' }.schedule", equalTo("0 0 * * * ?"))
                .body("data.jobs.find { it.name == 'digest-send' }.singleton", equalTo(false));
        Api.call(Api.user("teacher"), "{ jobs { name } }", Map.of())
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
    }
}
