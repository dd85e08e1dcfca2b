package org.lyceum.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

class EmbeddedDatabaseTest {

    @Test
    void dataSurvivesARestartOnTheSameDirectory() throws Exception {
        Path dir = Files.createTempDirectory("lyceum-embedded-test").resolve("postgres");
        EmbeddedDatabase first = EmbeddedDatabase.start(dir);
        try (Connection c =
                DriverManager.getConnection(first.jdbcUrl(EmbeddedDatabase.DATABASE), EmbeddedDatabase.USER, "")) {
            c.createStatement().execute("create table note (text text)");
            c.createStatement().execute("insert into note values ('kept')");
        } finally {
            first.close();
        }
        assertTrue(Files.exists(dir.resolve("PG_VERSION")));

        EmbeddedDatabase second = EmbeddedDatabase.start(dir);
        try (Connection c = DriverManager.getConnection(
                        second.jdbcUrl(EmbeddedDatabase.DATABASE), EmbeddedDatabase.USER, "");
                ResultSet r = c.createStatement().executeQuery("select text from note")) {
            r.next();
            assertEquals("kept", r.getString(1));
        } finally {
            second.close();
        }
    }
}
