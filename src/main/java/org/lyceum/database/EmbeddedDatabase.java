package org.lyceum.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * A PostgreSQL server that Lyceum runs itself, for a newcomer who configured no database.
 * One per JVM; its data lives in a directory of its own and survives restarts.
 */
public final class EmbeddedDatabase {

    public static final String DATABASE = "lyceum";
    public static final String USER = "postgres";

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    private static EmbeddedDatabase running;

    private final EmbeddedPostgres server;

    private EmbeddedDatabase(EmbeddedPostgres server) {
        this.server = server;
    }

    /**
     * Starts the server on {@code dataDirectory} unless this JVM already runs one, and makes sure
     * the {@value #DATABASE} database exists. Blocking: called once while configuration is read,
     * long before any event loop runs.
     */
    public static synchronized EmbeddedDatabase startOnce(Path dataDirectory) {
        if (running == null) {
            running = start(dataDirectory);
        }
        return running;
    }

    /** Starts a server of its own on {@code dataDirectory}; {@link #close()} stops it. */
    static EmbeddedDatabase start(Path dataDirectory) {
        try {
            Files.createDirectories(dataDirectory);
            stopOrphanedServer(dataDirectory);
            LOG.infof("No database configured: starting embedded PostgreSQL with data in %s", dataDirectory.toAbsolutePath());
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .start();
            EmbeddedDatabase database = new EmbeddedDatabase(server);
            database.createDatabaseIfMissing();
            return database;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    /**
     * A JVM killed with -9 leaves its postmaster running and holding the data directory. Nobody
     * else can be using that server (the directory is ours), so stop it before starting anew.
     */
    private static void stopOrphanedServer(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        Optional<ProcessHandle> orphan = lines.isEmpty() ? Optional.empty()
                : ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
                        .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false));
        if (orphan.isEmpty()) {
            return;
        }
        LOG.warnf("Stopping the embedded PostgreSQL (pid %d) left by an earlier run", orphan.get().pid());
        orphan.get().destroy();
        try {
            orphan.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("an earlier embedded PostgreSQL (pid " + orphan.get().pid() + ") did not stop", e);
        }
    }

    private void createDatabaseIfMissing() {
        try (Connection c = DriverManager.getConnection(server.getJdbcUrl(USER, "postgres"));
             var check = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            check.setString(1, DATABASE);
            if (!check.executeQuery().next()) {
                c.createStatement().execute("create database " + DATABASE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the " + DATABASE + " database", e);
        }
    }

    /** Stops the server; its data stays in the data directory. */
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    public String reactiveUrl(String database) {
        return "postgresql://localhost:" + port() + "/" + database;
    }

    /** Creates a database on this server; tests use one fresh database per run. */
    public void createDatabase(String name) {
        try (Connection c = DriverManager.getConnection(server.getJdbcUrl(USER, "postgres"))) {
            c.createStatement().execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
    }
}
