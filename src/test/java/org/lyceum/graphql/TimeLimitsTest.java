package org.lyceum.graphql;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.lyceum.common.GlobalId;
import org.lyceum.database.Sql;
import org.lyceum.job.JobSpec;
import org.lyceum.job.Jobs;
import org.lyceum.support.Api;
import org.lyceum.support.Api.User;
import org.lyceum.support.GraphQL;
import org.lyceum.support.Tokens;

/**
 * Time limits of GraphQL requests against a real PostgreSQL: the test's own JDBC connection holds
 * a community's row lock, so joinCommunity waits in {@code select ... for update}. The test profile
 * sets {@code lyceum.graphql.statement-timeout=3s}.
 */
@QuarkusTest
@Timeout(60) // without the limits, a request waiting on the test's lock would wait for ever
class TimeLimitsTest {

    private static final String JOIN =
            "mutation($input: CommunityIdInput!) { joinCommunity(input: $input) " + "{ community { myMembership } } }";
    private static final long STATEMENT_TIMEOUT_MS = 3_000;

    @Inject
    DataSource db;

    @Inject
    Sql sql;

    @Inject
    Jobs jobs;

    @TestHTTPResource("/graphql")
    URL graphql;

    @Test
    void aStatementPastTheStatementTimeoutAnswersTimeoutAndChangesNothing() throws Exception {
        User owner = Api.user("owner");
        User joiner = Api.user("joiner");
        String community = Api.community(owner, "PUBLIC");
        long started;
        long took;
        try (Connection lock = lockRow(community)) {
            started = System.nanoTime();
            Api.call(joiner, JOIN, Map.of("input", Map.of("id", community)))
                    .statusCode(200)
                    .body("errors[0].extensions.code", equalTo("TIMEOUT"))
                    .body("errors[0].extensions.errorId", nullValue())
                    .body("data.joinCommunity", nullValue());
            took = Duration.ofNanos(System.nanoTime() - started).toMillis();
            lock.rollback();
        }
        // The statement timeout answered, not the 10 s deadline.
        assertTrue(took >= STATEMENT_TIMEOUT_MS - 100 && took < 8_000, "answered after " + took + " ms");
        // The mutation's transaction was rolled back; once the lock is free the join works.
        Api.call(joiner, JOIN, Map.of("input", Map.of("id", community)))
                .body("errors", nullValue())
                .body("data.joinCommunity.community.myMembership", equalTo("JOINED"));
    }

    @Test
    void aClientThatGoesAwayHasItsStatementCancelled() throws Exception {
        User owner = Api.user("owner");
        User joiner = Api.user("joiner");
        String community = Api.community(owner, "PUBLIC");
        try (Connection lock = lockRow(community);
                Connection watch = db.getConnection()) {
            Socket client = new Socket(graphql.getHost(), graphql.getPort());
            send(
                    client,
                    joiner.token(),
                    new JsonObject()
                            .put("query", JOIN)
                            .put("variables", new JsonObject().put("input", new JsonObject().put("id", community)))
                            .encode());
            long age = waitingFor(watch, 2_000);
            assertTrue(age >= 0, "the mutation never waited on the lock");
            client.close();
            long closed = System.nanoTime();
            while (waitingFor(watch, 0) >= 0
                    && System.nanoTime() - closed < Duration.ofSeconds(5).toNanos()) {
                Thread.sleep(20);
            }
            long gone = Duration.ofNanos(System.nanoTime() - closed).toMillis();
            // Gone before the statement timeout could have ended it: the disconnect cancelled it.
            assertTrue(
                    age + gone < STATEMENT_TIMEOUT_MS - 500,
                    "the statement waited " + age + " ms before the close and ended " + gone + " ms after it");
            lock.rollback();
        }
    }

    @Test
    void aRequestPastItsDeadlineIsAnsweredTimeoutThen() throws Exception {
        // A first request provisions its account under an advisory lock of its subject, through
        // Hibernate Reactive on the main pool (no statement timeout): only the deadline (10 s) ends the wait.
        Tokens.Builder newcomer = Tokens.user(Api.unique("late"));
        long took;
        try (Connection lock = db.getConnection()) {
            lock.setAutoCommit(false);
            try (PreparedStatement s = lock.prepareStatement("select pg_advisory_xact_lock(hashtextextended(?, 0))")) {
                s.setString(1, newcomer.subject());
                s.executeQuery().close();
            }
            long started = System.nanoTime();
            GraphQL.as(newcomer.sign(), "{ me { username } }")
                    .statusCode(200)
                    .body("errors[0].extensions.code", equalTo("TIMEOUT"))
                    .body("data", nullValue());
            took = Duration.ofNanos(System.nanoTime() - started).toMillis();
            lock.rollback();
        }
        assertTrue(took >= 9_800 && took < 13_000, "answered after " + took + " ms");
    }

    @Test
    void jobsKeepTheDatabasesStatementTimeout() {
        String name = Api.unique("timeout_probe");
        AtomicReference<String> seen = new AtomicReference<>();
        jobs.register(JobSpec.shared(
                name, "1h", job -> sql.one("select current_setting('statement_timeout') t", r -> r.getString("t"))
                        .invoke(seen::set)));
        jobs.runNow(name).await().atMost(Duration.ofSeconds(10));
        assertEquals("0", seen.get());
    }

    /** A transaction of the test's own holding the community's row lock, as joinCommunity takes it. */
    private Connection lockRow(String communityId) throws Exception {
        Connection c = db.getConnection();
        c.setAutoCommit(false);
        try (PreparedStatement s = c.prepareStatement("select 1 from community where id = ? for update")) {
            s.setObject(1, GlobalId.uuid("id", communityId, "Community"));
            s.executeQuery().close();
        }
        return c;
    }

    /**
     * How long (ms) a statement of the app has been waiting on a lock in {@code select ... for
     * update}, polling up to {@code patienceMs}; -1 when none is.
     */
    private static long waitingFor(Connection watch, long patienceMs) throws Exception {
        long until = System.nanoTime() + Duration.ofMillis(patienceMs).toNanos();
        do {
            try (PreparedStatement s = watch.prepareStatement(
                            "select (extract(epoch from clock_timestamp() - query_start) * 1000)::bigint"
                                    + " from pg_stat_activity where datname = current_database()"
                                    + " and state = 'active' and wait_event_type = 'Lock'"
                                    + " and query like 'select 1 from community where id = $1 for update'");
                    ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    return r.getLong(1);
                }
            }
            Thread.sleep(20);
        } while (System.nanoTime() < until);
        return -1;
    }

    private static void send(Socket client, String token, String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        OutputStream out = client.getOutputStream();
        out.write(("POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Authorization: Bearer " + token + "\r\nContent-Length: " + bytes.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
    }
}
