package org.lyceum.support;

import java.net.URI;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.lyceum.database.EmbeddedDatabase;

/**
 * A fresh PostgreSQL database for one test run: on the server named by
 * {@code LYCEUM_TEST_DATABASE_URL} (a JDBC URL to an admin database, e.g.
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}), else on an embedded server
 * this JVM starts once.
 */
public record TestDatabase(String host, int port, String name, String user, String password) {

    public static final String ENV = "LYCEUM_TEST_DATABASE_URL";

    public static TestDatabase create() {
        String name =
                "lyceum_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String server = System.getenv(ENV);
        if (server == null || server.isBlank()) {
            EmbeddedDatabase embedded = EmbeddedDatabase.startOnce(embeddedDirectory());
            embedded.createDatabase(name);
            return new TestDatabase("localhost", embedded.port(), name, EmbeddedDatabase.USER, "");
        }
        URI uri = URI.create(server.substring("jdbc:".length()));
        Map<String, String> params = query(uri.getQuery());
        TestDatabase db = new TestDatabase(
                uri.getHost(),
                uri.getPort() < 0 ? 5432 : uri.getPort(),
                name,
                params.getOrDefault("user", "postgres"),
                params.getOrDefault("password", ""));
        try (Connection c = DriverManager.getConnection(server)) {
            c.createStatement().execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create a test database on " + ENV + "=" + server, e);
        }
        return db;
    }

    /** One embedded server per test JVM, whichever class loader asks (Quarkus restarts use new ones). */
    private static synchronized java.nio.file.Path embeddedDirectory() {
        String dir = System.getProperty("lyceum.test.embedded-dir");
        if (dir == null) {
            try {
                dir = Files.createTempDirectory("lyceum-test-pg")
                        .resolve("postgres")
                        .toString();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            System.setProperty("lyceum.test.embedded-dir", dir);
        }
        return java.nio.file.Path.of(dir);
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }

    public String reactiveUrl() {
        return "postgresql://" + host + ":" + port + "/" + name;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user, password);
    }

    /**
     * The standard Quarkus datasource keys pointing at this database. The reactive pool, which
     * serves every request, goes through {@link StatementCounter}; Flyway and tests' JDBC do not.
     */
    public Map<String, String> quarkusConfig() {
        int counted = StatementCounter.start(host, port);
        return Map.of(
                "quarkus.datasource.jdbc.url",
                jdbcUrl(),
                "quarkus.datasource.reactive.url",
                "postgresql://127.0.0.1:" + counted + "/" + name,
                "quarkus.datasource.username",
                user,
                "quarkus.datasource.password",
                password);
    }

    /** Drops the database at the end of the run, so a shared server does not fill up. */
    public void drop() {
        String server = System.getenv(ENV);
        String admin = server == null || server.isBlank()
                ? "jdbc:postgresql://" + host + ":" + port + "/postgres?user=" + user
                : server;
        try (Connection c = DriverManager.getConnection(admin)) {
            c.createStatement().execute("drop database if exists " + name + " with (force)");
        } catch (SQLException e) {
            System.err.println("could not drop test database " + name + ": " + e.getMessage());
        }
    }

    private static Map<String, String> query(String query) {
        Map<String, String> params = new HashMap<>();
        if (query != null) {
            for (String pair : query.split("&", -1)) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
        }
        return params;
    }
}
