package org.lyceum.ratelimit;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.lyceum.database.Sql;

/**
 * Buckets as rows of {@code rate_limit_bucket} (V27), each take one {@code insert ... on conflict do
 * update}: row locks serialise concurrent takes of a bucket, from any instance, and the time comes
 * from the database ({@code clock_timestamp()}, read once per statement as the inserted row's
 * {@code updated_at}), so skewed instance clocks agree.
 */
@ApplicationScoped
class PostgresBuckets implements BucketStore {

    /** The tokens a bucket holds now: what it had plus the refill since, never more than the burst. */
    private static final String REFILLED = "least($3::float8, b.tokens"
            + " + greatest(0, extract(epoch from excluded.updated_at - b.updated_at)) * $4::float8)";

    private static final String TAKE = "insert into rate_limit_bucket as b (class, key, tokens, granted, updated_at)"
            + " values ($1, $2, $3::float8 - 1, true, clock_timestamp())"
            + " on conflict (class, key) do update set"
            + " tokens = case when " + REFILLED + " >= 1 then " + REFILLED + " - 1 else " + REFILLED + " end,"
            + " granted = " + REFILLED + " >= 1,"
            + " updated_at = excluded.updated_at"
            + " returning granted,"
            + " case when granted then 0 else greatest(1, ceil((1 - tokens) / $4::float8))::bigint end as retry_after";

    private final Sql sql;

    PostgresBuckets(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Uni<Decision> take(String rateClass, String key, Limit limit) {
        return sql.one(
                TAKE,
                r -> new Decision(r.getBoolean("granted"), r.getLong("retry_after")),
                rateClass,
                key,
                (double) limit.burst(),
                limit.perSecond());
    }

    @Override
    public Uni<Integer> prune(String rateClass, long idleSeconds) {
        return sql.run(
                "delete from rate_limit_bucket where class = $1"
                        + " and updated_at < clock_timestamp() - $2 * interval '1 second'",
                rateClass,
                idleSeconds);
    }
}
