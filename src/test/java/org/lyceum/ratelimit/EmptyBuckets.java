package org.lyceum.ratelimit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Empties a bucket in the database, as a burst would, so a test can see the next request refused
 * without sending the burst (the suite's buckets are large, and refill one token a minute).
 */
public final class EmptyBuckets {

    private EmptyBuckets() {}

    public static void empty(DataSource db, RateClass rateClass, String key) {
        run(
                db,
                "insert into rate_limit_bucket (class, key, tokens, granted, updated_at)"
                        + " values (?, ?, 0, false, clock_timestamp())"
                        + " on conflict (class, key) do update set tokens = 0, updated_at = clock_timestamp()",
                rateClass.key(),
                key);
    }

    /** Forgets a bucket: it is full again. */
    public static void forget(DataSource db, RateClass rateClass, String key) {
        run(db, "delete from rate_limit_bucket where class = ? and key = ?", rateClass.key(), key);
    }

    private static void run(DataSource db, String sql, String rateClass, String key) {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, rateClass);
            s.setString(2, key);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
