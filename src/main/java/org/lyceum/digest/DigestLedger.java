package org.lyceum.digest;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.lyceum.job.JobContext;

/** Upkeep of the digest ledger: finished rows go once they are older than lyceum.digest.keep. */
@ApplicationScoped
public class DigestLedger {

    private final DigestConfig config;

    DigestLedger(DigestConfig config) {
        this.config = config;
    }

    public Uni<String> prune(JobContext job) {
        return job.fenced(tx -> tx.run(
                        "delete from digest_delivery where state in ('SENT', 'EMPTY', 'NO_ADDRESS', 'UNSUBSCRIBED', 'REFUSED')"
                                + " and until < now() - $1 * interval '1 millisecond'",
                        config.keep().toMillis()))
                .map(deleted -> "pruned " + deleted + " finished digests");
    }
}
