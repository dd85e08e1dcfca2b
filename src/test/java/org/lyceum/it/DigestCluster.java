package org.lyceum.it;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;
import org.lyceum.support.TestDatabase;

/**
 * One run of the digest cluster: three (or more) Lyceum processes on one database, GreenMail,
 * the people, a poster of new content, a supervisor that restarts killed processes and resumes
 * stopped ones, and the comparison of what was received with what the ledger says. Only the
 * deaths the test causes (its kill -9, an armed kill failpoint) are restarted; any other death
 * fails the run.
 */
final class DigestCluster {

    /**
     * Long enough that the gaps a fault scenario leaves with no node able to plan (a restart takes 7
     * to 17 s on 2 cores while the others work; a stopped holder keeps its lease 2 s) stay shorter
     * than a period: at 5 s, a period now and then passed with every node dead or starting, which
     * is the harness's timing, not the cluster's fault.
     */
    static final Duration PERIOD = Duration.ofSeconds(10);

    static final int CONCURRENCY = 8;
    private static final Logger LOG = Logger.getLogger(DigestCluster.class);
    /** GreenMail logs every recipient it creates; thousands of lines say nothing. Held so the level sticks. */
    private static final java.util.logging.Logger GREENMAIL_LOG = java.util.logging.Logger.getLogger("com.icegreen");

    private DigestCluster() {}

    /** What the SMTP server received and the ledger says, compared. */
    record Result(
            TreeSet<Long> periods,
            long rows,
            long unfinished,
            long missing,
            long duplicates,
            long unexplained,
            int kills,
            int afterAcceptKills,
            int stops,
            long refusedRuns,
            long emails) {
        boolean contiguous() {
            return periods.isEmpty() || periods.last() - periods.first() + 1 == periods.size();
        }
    }

    static final class Run implements AutoCloseable {
        final int people;
        final boolean lock;
        final TestDatabase db = TestDatabase.create();
        final GreenMail smtp;
        final Map<String, AppProcess> nodes = new LinkedHashMap<>();
        final Map<String, String> armed = new HashMap<>();
        final AtomicBoolean posting = new AtomicBoolean(true);
        /** Nodes the test itself sent SIGKILL, whose death is expected once. */
        final java.util.Set<String> killedHere = new java.util.HashSet<>();

        int kills;
        int afterAcceptKills;
        int stops;
        Thread poster;

        Run(int people, boolean lock) throws Exception {
            this.people = people;
            this.lock = lock;
            GREENMAIL_LOG.setLevel(java.util.logging.Level.WARNING);
            smtp = new GreenMail(new ServerSetup(AppProcess.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.start();
        }

        Map<String, String> env(String node, String failpoints) {
            Map<String, String> env = new HashMap<>(AppProcess.databaseEnv(db));
            env.putAll(Map.of(
                    "QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE",
                    "6",
                    "QUARKUS_MAILER_HOST",
                    "127.0.0.1",
                    "QUARKUS_MAILER_PORT",
                    String.valueOf(smtp.getSmtp().getPort()),
                    "LYCEUM_LOCK_HOLDER",
                    node,
                    "LYCEUM_JOBS_LOCK",
                    String.valueOf(lock)));
            env.putAll(Map.of(
                    "LYCEUM_JOBS_LEASE", "2s",
                    "LYCEUM_DIGEST_PERIOD_OVERRIDE", PERIOD.toSeconds() + "s",
                    "LYCEUM_DIGEST_POLL", "1s",
                    "LYCEUM_DIGEST_CLAIM_TIME", "3s",
                    "LYCEUM_DIGEST_RETRY_BASE", "1s",
                    "LYCEUM_DIGEST_CONCURRENCY", String.valueOf(CONCURRENCY),
                    "LYCEUM_DIGEST_BATCH", "50",
                    "LYCEUM_DIGEST_SETTLE", "1s",
                    "QUARKUS_MAILER_START_TLS", "DISABLED"));
            if (failpoints != null) {
                env.put("LYCEUM_JOBS_FAILPOINTS", failpoints);
            }
            return env;
        }

        void start(Map<String, String> failpoints) throws Exception {
            // The first node migrates the schema; the people arrive before the others join.
            startNode("a", failpoints.get("a"));
            seed();
            poster = new Thread(this::post, "poster");
            poster.start();
            for (String node : List.of("b", "c")) {
                startNode(node, failpoints.get(node));
            }
        }

        void startNode(String node, String failpoints) throws Exception {
            armed.put(node, failpoints);
            nodes.put(
                    node,
                    AppProcess.start(
                            "cluster-" + node,
                            Files.createTempDirectory("lyceum-cluster-" + node),
                            env(node, failpoints)));
        }

        /** Watches the nodes for the length of the run: restarts the killed, resumes the stopped after a lease and a claim. */
        void drive(Duration length, Map<String, String> afterFirstCrash) throws Exception {
            long end = System.nanoTime() + length.toNanos();
            Map<String, Long> stoppedSince = new HashMap<>();
            boolean outsideKill = false;
            while (System.nanoTime() < end) {
                for (Map.Entry<String, AppProcess> entry : new ArrayList<>(nodes.entrySet())) {
                    String node = entry.getKey();
                    AppProcess app = entry.getValue();
                    if (!app.alive()) {
                        expectDeath(node, app);
                        kills++;
                        if (String.valueOf(armed.get(node)).contains("after-accept")) {
                            afterAcceptKills++;
                        }
                        LOG.infof("Node %s died (failpoint %s); restarting", node, armed.get(node));
                        String next = afterFirstCrash.get(node);
                        afterFirstCrash = without(afterFirstCrash, node);
                        startNode(node, next);
                    } else if (app.stopped()) {
                        long since = stoppedSince.computeIfAbsent(node, n -> System.nanoTime());
                        if (System.nanoTime() - since > Duration.ofSeconds(6).toNanos()) {
                            stops++;
                            LOG.infof("Node %s was stopped for 6 s; resuming it", node);
                            app.signal("CONT");
                            stoppedSince.remove(node);
                            armed.put(node, null);
                        }
                    }
                }
                if (lock && !outsideKill && System.nanoTime() > end - length.toNanos() / 3) {
                    // kill -9 from outside, of the node that ran the last plan.
                    String holder = lastPlanner();
                    if (holder != null
                            && nodes.get(holder).alive()
                            && !nodes.get(holder).stopped()) {
                        LOG.infof("kill -9 of %s, the last lock holder", holder);
                        killedHere.add(holder);
                        nodes.get(holder).kill9();
                        armed.put(holder, null);
                        outsideKill = true;
                    }
                }
                Thread.sleep(200);
            }
        }

        /**
         * A node may die only as the test made it: killed by the test (kill -9 from outside), or by
         * SIGKILL (exit code 137) from its own armed kill failpoint. Any other death (a crash, an
         * exit, a start that failed later) fails the run with its exit code and log, rather than
         * being restarted as if it had been planned.
         */
        void expectDeath(String node, AppProcess app) throws Exception {
            int code = app.exitCode();
            boolean byTest = killedHere.remove(node);
            boolean byFailpoint = code == 137 && String.valueOf(armed.get(node)).contains("=kill@");
            if (!byTest && !byFailpoint) {
                throw new AssertionError("node " + node + " died without the test killing it (exit code " + code
                        + ", failpoints " + armed.get(node) + "); its log ends:\n" + app.tailOfThisRun());
            }
        }

        private static Map<String, String> without(Map<String, String> map, String key) {
            Map<String, String> copy = new HashMap<>(map);
            copy.remove(key);
            return copy;
        }

        Result finish() throws Exception {
            posting.set(false);
            poster.join();
            // Let the cluster send what is planned, then stop planning: a last period may still be planning.
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            java.util.Set<String> dead = new java.util.HashSet<>();
            while (System.nanoTime() < deadline
                    && count("select count(*) from digest_delivery where state in ('PENDING', 'SENDING')") > 0) {
                for (Map.Entry<String, AppProcess> e : nodes.entrySet()) {
                    if (!e.getValue().alive()) {
                        // No longer restarted: the others finish without it, but only if it died as planned.
                        if (dead.add(e.getKey())) {
                            expectDeath(e.getKey(), e.getValue());
                        }
                    } else if (e.getValue().stopped()) {
                        e.getValue().signal("CONT");
                    }
                }
                Thread.sleep(500);
            }
            for (AppProcess app : nodes.values()) {
                app.close();
            }
            // Ledger rows planned after the last send finished are not part of the result.
            try (Connection c = db.connect()) {
                c.createStatement().execute("delete from digest_delivery where state = 'PENDING' and attempts = 0");
            }

            Map<String, Integer> received = new HashMap<>();
            MimeMessage[] messages = smtp.getReceivedMessages();
            for (MimeMessage m : messages) {
                String period = base(m.getHeader("X-Lyceum-Digest-Period")[0]);
                for (Address to : m.getAllRecipients()) {
                    received.merge(to.toString() + " " + period, 1, Integer::sum);
                }
            }
            long missing = 0;
            long duplicates = 0;
            TreeSet<Long> periods = new TreeSet<>();
            Map<Long, Long> rowsPerPeriod = new HashMap<>();
            java.util.Set<String> reclaimed = new java.util.HashSet<>();
            try (Connection c = db.connect();
                    PreparedStatement s = c.prepareStatement(
                            "select a.email, d.period, d.state, d.attempts from digest_delivery d join account a on a.person_id = d.person_id")) {
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        String period = base(r.getString(2));
                        long k = Long.parseLong(period.substring(1));
                        rowsPerPeriod.merge(k, 1L, Long::sum);
                        if (r.getInt(4) > 1) {
                            reclaimed.add(r.getString(1) + " " + period);
                        }
                        if ("SENT".equals(r.getString(3))) {
                            periods.add(k);
                            if (received.getOrDefault(r.getString(1) + " " + period, 0) == 0) {
                                missing++;
                            }
                        }
                    }
                }
            }
            // Periods with nothing new for anyone (planned after the posting stopped) are not part of the run.
            long rows = periods.stream().mapToLong(k -> rowsPerPeriod.get(k)).sum();
            // Duplicates as people see them: more than one digest for one period. Under the lock, only a row
            // claimed again after its claim ran out (attempts > 1) can be one.
            long unexplained = 0;
            for (Map.Entry<String, Integer> e : received.entrySet()) {
                duplicates += Math.max(0, e.getValue() - 1);
                if (e.getValue() > 1 && !reclaimed.contains(e.getKey())) {
                    unexplained++;
                }
            }
            long unfinished = count("select count(*) from digest_delivery where state in ('PENDING', 'SENDING')");
            // Runs of a holder that came back after its lease passed on: refused at the fence, or cancelled by the
            // failed renewal. (Runs of killed holders, closed as LOCK_LOST by the next run, are not counted.)
            long refused = count("select count(*) from job_run where name = 'digest-plan'"
                    + " and (outcome = 'FENCED' or detail like 'lease renewal failed%')");
            return new Result(
                    periods,
                    rows,
                    unfinished,
                    missing,
                    duplicates,
                    unexplained,
                    kills,
                    afterAcceptKills,
                    stops,
                    refused,
                    messages.length);
        }

        /** A period without the node suffix that the lock-less test switch adds. */
        private static String base(String period) {
            int at = period.indexOf('@');
            return at < 0 ? period : period.substring(0, at);
        }

        String lastPlanner() throws Exception {
            try (Connection c = db.connect();
                    ResultSet r = c.createStatement()
                            .executeQuery(
                                    "select holder from job_run where name = 'digest-plan' order by id desc limit 1")) {
                return r.next() ? r.getString(1) : null;
            }
        }

        long count(String sql) throws Exception {
            try (Connection c = db.connect();
                    ResultSet r = c.createStatement().executeQuery(sql)) {
                r.next();
                return r.getLong(1);
            }
        }

        /** People who are all members of one public community, and an author with no account who posts there. */
        void seed() throws Exception {
            try (Connection c = db.connect()) {
                c.setAutoCommit(false);
                c.createStatement()
                        .execute(
                                "insert into person (id, ap_id, username, display_name) values"
                                        + " ('00000000-0000-0000-0000-00000000a001', 'https://cluster.test/people/author', 'author', 'Author')");
                c.createStatement()
                        .execute(
                                "insert into community (id, ap_id, name, title) values"
                                        + " ('00000000-0000-0000-0000-00000000c001', 'https://cluster.test/communities/staff', 'staff', 'Staff room')");
                c.createStatement()
                        .execute("insert into person (id, ap_id, username, display_name, created_at)"
                                + " select gen_random_uuid(), 'https://cluster.test/people/p' || i, 'p' || i, 'Person ' || i, now() - interval '1 hour'"
                                + " from generate_series(1, " + people + ") i");
                c.createStatement()
                        .execute("insert into account (id, person_id, subject, email, email_verified, created_at)"
                                + " select gen_random_uuid(), p.id, 'sub-' || p.username, p.username || '@cluster.test', true, now() - interval '1 hour'"
                                + " from person p where p.username like 'p%'");
                c.createStatement()
                        .execute("insert into membership (community_id, person_id, role, state)"
                                + " select '00000000-0000-0000-0000-00000000c001', p.id, case when p.username = 'p1' then 'OWNER' else 'MEMBER' end, 'JOINED'"
                                + " from person p where p.username like 'p%'");
                postOne(c);
                c.commit();
            }
        }

        /** A new thread every second, so that every period has something new. */
        void post() {
            try (Connection c = db.connect()) {
                while (posting.get()) {
                    postOne(c);
                    Thread.sleep(1000);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private static void postOne(Connection c) throws Exception {
            UUID id = UUID.randomUUID();
            try (PreparedStatement s = c.prepareStatement(
                    "insert into content (id, ap_id, kind, community_id, author_id, title)"
                            + " values (?, ?, 'THREAD', '00000000-0000-0000-0000-00000000c001', '00000000-0000-0000-0000-00000000a001', ?)")) {
                s.setObject(1, id);
                s.setString(2, "https://cluster.test/objects/" + id);
                s.setString(3, "Thread " + id);
                s.execute();
            }
        }

        @Override
        public void close() throws Exception {
            posting.set(false);
            for (AppProcess app : nodes.values()) {
                if (app.alive() && app.stopped()) {
                    app.signal("CONT");
                }
                app.close();
            }
            smtp.stop();
        }
    }
}
