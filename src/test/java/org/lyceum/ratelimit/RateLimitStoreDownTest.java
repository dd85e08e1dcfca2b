package org.lyceum.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.lyceum.common.GlobalId;
import org.lyceum.support.Api;
import org.lyceum.support.Rows;

/**
 * The rate limits' store failing lets requests through (logged as WARN), as RateLimits promises: a
 * broken Redis must not stop the site. The store is the real Redis client pointed at a port where
 * nothing listens, so every take fails to connect; with a burst of one, the second creation would
 * be refused if the store answered.
 */
@QuarkusTest
@TestProfile(RateLimitStoreDownTest.RedisDown.class)
class RateLimitStoreDownTest {

    public static class RedisDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "lyceum.rate-limit.backend", "redis",
                    "quarkus.redis.hosts", "redis://127.0.0.1:1",
                    "lyceum.rate-limit.content.burst", "1");
        }
    }

    @Inject
    DataSource db;

    @Test
    void aStoreThatFailsLetsRequestsThrough() {
        Api.User steady = Api.user("steady");
        IntStream.range(0, 3).forEach(i -> Api.community(steady, "PUBLIC"));
        assertEquals(
                3,
                Rows.count(
                        db,
                        "select count(*) from membership where role = 'OWNER' and person_id::text = ?",
                        GlobalId.decode("id", steady.personId()).uuid().toString()),
                "all three created, none refused");
    }
}
