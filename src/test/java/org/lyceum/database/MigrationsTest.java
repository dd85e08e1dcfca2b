package org.lyceum.database;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.lyceum.support.Rows;

@QuarkusTest
class MigrationsTest {

    @Inject
    DataSource db;

    @Inject
    Flyway flyway;

    @Test
    void theSchemaComesFromFlywayMigrationsAppliedAtStart() {
        assertEquals(0, Rows.count(db, "select count(*) from flyway_schema_history where not success"));
        assertEquals(1, Rows.count(db, "select count(*) from flyway_schema_history where version = '1'"));
        assertEquals(
                3,
                Rows.count(
                        db,
                        "select count(*) from information_schema.tables where table_schema = 'public' "
                                + "and table_name in ('person', 'account', 'invite')"));
        assertEquals(0, flyway.info().pending().length, "every migration on the classpath is applied");
    }

    @Test
    void migratingAgainChangesNothing() {
        assertEquals(0, flyway.migrate().migrationsExecuted);
    }
}
