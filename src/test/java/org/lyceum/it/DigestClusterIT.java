package org.lyceum.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Three Lyceum processes, one PostgreSQL, one SMTP server (GreenMail, in this JVM), 1 000 people,
 * digests on a 5 s period for over 20 periods: each person gets exactly one digest per period,
 * through kill -9 of the lock holder before it plans, of a sender between claim and send and after
 * send, a kill -9 from outside, and a lock holder stopped (SIGSTOP) past its lease whose write is
 * then refused. The kills at chosen moments are failpoints (org.lyceum.job.Failpoints): the
 * process sends itself the real signal there. A second test switches the lock off and sees
 * duplicates, so this one can fail.
 */
class DigestClusterIT {

    private static final Logger LOG = Logger.getLogger(DigestClusterIT.class);
    private static final Duration PERIOD = DigestCluster.PERIOD;
    private static final int CONCURRENCY = DigestCluster.CONCURRENCY;

    @Test
    void everyoneGetsExactlyOneDigestPerPeriodThroughCrashesAndStalls() throws Exception {
        DigestCluster.Run run = new DigestCluster.Run(1000, true);
        try {
            // The nodes start one after the other, and under this load a start takes 7 to 13 s. The
            // first faults are timed so that one node is always up to plan: a, the first lock holder,
            // dies at its 16th planning pass (when b is up), b at its 30th send (when c is up). With
            // a at its 3rd pass and b at its 6th, both could be dead before c had started, and a
            // period passed with no node alive to plan it: the test's timing, not the cluster's fault.
            run.start(Map.of(
                    "a", "digest.plan.before=kill@16",
                    "b", "digest.send.after-claim=kill@30",
                    "c", "digest.send.after-accept=kill@1500"));
            run.drive(
                    Duration.ofSeconds(PERIOD.toSeconds() * 25),
                    Map.of(
                            // After their first crash: a lock holder stopped past its lease, then plain nodes.
                            "a", "digest.plan.before=stop@4"));
            DigestCluster.Result result = run.finish();
            LOG.infof("Cluster digest run: %s", result);

            assertTrue(
                    result.periods().size() >= 20,
                    "at least 20 periods: " + result.periods().size());
            assertTrue(result.contiguous(), "no period was skipped: " + result.periods());
            assertEquals(0, result.unfinished(), "every planned digest was sent");
            assertEquals(0, result.missing(), "every planned digest arrived");
            assertEquals(result.periods().size() * 1000L, result.rows(), "every person has a row in every period");
            assertTrue(result.kills() >= 4, "the faults happened: " + result.kills() + " kills");
            assertTrue(result.stops() >= 1, "a lock holder was stopped past its lease");
            assertTrue(
                    result.refusedRuns() >= 1, "the stopped holder's run was refused by its token or lost its lease");
            // The documented window: accepted by SMTP, then killed (or stalled past the claim) before the
            // mark. Every node sends, so any kill can land in it, not only the one at after-accept: a
            // run counted 17 duplicates for one after-accept kill and one stop (a bound of 16), with
            // four kills in all and none unexplained.
            assertTrue(
                    result.duplicates() <= (long) CONCURRENCY * (result.kills() + result.stops()),
                    "duplicates only from the documented window: " + result.duplicates());
            assertEquals(0, result.unexplained(), "every duplicate is a digest whose claim ran out after it was sent");
        } finally {
            run.close();
        }
    }

    @Test
    void withoutTheLockTheSameRunSendsDuplicates() throws Exception {
        DigestCluster.Run run = new DigestCluster.Run(100, false);
        try {
            run.start(Map.of());
            run.drive(Duration.ofSeconds(PERIOD.toSeconds() * 3), Map.of());
            DigestCluster.Result result = run.finish();
            LOG.infof("Cluster digest run without the lock: %s", result);
            assertTrue(result.duplicates() > 0, "uncoordinated instances send duplicates: " + result);
        } finally {
            run.close();
        }
    }
}
