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
import org.jspecify.annotations.Nullable;

/**
 * A PostgreSQL server that Lyceum runs itself, for a newcomer who configured no database.
 * One per JVM; its data lives in a directory of its own and survives restarts.
 */
public final class EmbeddedDatabase {

    public static final String DATABASE = "lyceum";
    public static final String USER = "postgres";

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    private static final String REGISTRY = "lyceum.embedded-database.port:";

    /** Null when another class loader of this JVM started the server (see {@link #startOnce}). */
    private final @Nullable EmbeddedPostgres server;

    private final int port;

    private EmbeddedDatabase(@Nullable EmbeddedPostgres server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * Starts the server on {@code dataDirectory} unless this JVM already runs one there, and makes
     * sure the {@value #DATABASE} database exists. Dev-mode reloads and test restarts load this
     * class again in a new class loader, so the running servers are remembered in a system
     * property, which all class loaders of the JVM share. Blocking: called while configuration is
     * read, before any event loop runs.
     */
    public static EmbeddedDatabase startOnce(Path dataDirectory) {
        String key = REGISTRY + dataDirectory.toAbsolutePath().normalize();
        synchronized (System.getProperties()) {
            String port = System.getProperty(key);
            if (port != null) {
                return new EmbeddedDatabase(null, Integer.parseInt(port));
            }
            EmbeddedDatabase started = start(dataDirectory);
            System.setProperty(key, String.valueOf(started.port()));
            return started;
        }
    }

    /** Starts a server of its own on {@code dataDirectory}; {@link #close()} stops it. */
    static EmbeddedDatabase start(Path dataDirectory) {
        try {
            Files.createDirectories(dataDirectory);
            stopOrphanedServer(dataDirectory);
            LOG.infof(
                    "No database configured: starting embedded PostgreSQL with data in %s",
                    dataDirectory.toAbsolutePath());
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    // zonky turns synchronous commit off for test speed; this database keeps real data.
                    .setServerConfig("synchronous_commit", "on")
                    .start();
            EmbeddedDatabase database = new EmbeddedDatabase(server, server.getPort());
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
        Optional<ProcessHandle> orphan = lines.isEmpty()
                ? Optional.empty()
                : ProcessHandle.of(Long.parseLong(lines.get(0).trim())).filter(p -> p.info()
                        .command()
                        .map(c -> c.contains("postgres"))
                        .orElse(false));
        if (orphan.isEmpty()) {
            return;
        }
        LOG.warnf(
                "Stopping the embedded PostgreSQL (pid %d) left by an earlier run",
                orphan.get().pid());
        orphan.get().destroy();
        try {
            orphan.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException(
                    "an earlier embedded PostgreSQL (pid " + orphan.get().pid() + ") did not stop", e);
        }
    }

    private void createDatabaseIfMissing() {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, "");
                var check = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            check.setString(1, DATABASE);
            if (!check.executeQuery().next()) {
                c.createStatement().execute("create database " + DATABASE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the " + DATABASE + " database", e);
        }
    }

    /** Stops a server this object started; its data stays in the data directory. */
    public void close() {
        if (server == null) {
            throw new IllegalStateException("this server was started elsewhere in the JVM and stops with it");
        }
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    public String reactiveUrl(String database) {
        return "postgresql://localhost:" + port() + "/" + database;
    }

    /** Creates a database on this server; tests use one fresh database per run. */
    public void createDatabase(String name) {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, "")) {
            c.createStatement().execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
    }
}
