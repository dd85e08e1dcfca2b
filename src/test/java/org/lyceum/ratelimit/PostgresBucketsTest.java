package org.lyceum.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.lyceum.support.Rows;

@QuarkusTest
class PostgresBucketsTest extends BucketContract {

    @Inject
    PostgresBuckets buckets;

    @Inject
    DataSource db;

    @Override
    BucketStore store() {
        return buckets;
    }

    @Test
    void pruningForgetsIdleBucketsOnly() {
        String idle = key();
        String busy = key();
        Limit limit = new Limit(5, 60);
        take(idle, limit);
        take(busy, limit);
        try (var c = db.getConnection();
                var s = c.prepareStatement("update rate_limit_bucket set updated_at = updated_at - interval '2 hours'"
                        + " where class = ? and key = ?")) {
            s.setString(1, CLASS);
            s.setString(2, idle);
            s.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        assertTrue(buckets.prune(CLASS, 3600).await().atMost(Duration.ofSeconds(10)) >= 1);
        assertEquals(0, Rows.count(db, "select count(*) from rate_limit_bucket where key = ?", idle));
        assertEquals(1, Rows.count(db, "select count(*) from rate_limit_bucket where key = ?", busy));
    }
}
