package org.lyceum.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged application (target/quarkus-app) run as its own process, as a user runs it.
 * Tests talk to it over real HTTP and must {@link #close()} it, also when they fail.
 */
final class AppProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final int port;
    /** The management interface's port: health and metrics, which the public port does not serve. */
    final int managementPort;

    final Path log;
    private final Process process;
    /** Where this process's output begins in the log, which earlier runs under the same name appended to. */
    private final long logStart;

    private AppProcess(int port, int managementPort, Path log, Process process, long logStart) {
        this.port = port;
        this.managementPort = managementPort;
        this.log = log;
        this.process = process;
        this.logStart = logStart;
    }

    /** Starts the app with these env vars (on top of a clean environment) and waits until it is ready. */
    static AppProcess start(String name, Path workDir, Map<String, String> env) throws Exception {
        return start(name, workDir, env, freePort());
    }

    /** On a port chosen beforehand, for an app whose base URL names its port. */
    static AppProcess start(String name, Path workDir, Map<String, String> env, int port) throws Exception {
        Path logs = Path.of("target", "it-logs");
        Files.createDirectories(logs);
        Files.createDirectories(workDir);
        Path log = logs.resolve(name + ".log").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(
                javaBin(),
                "-Xmx256m",
                "-jar",
                Path.of(System.getProperty("lyceum.app.jar", "target/quarkus-app/quarkus-run.jar"))
                        .toAbsolutePath()
                        .toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("LYCEUM_"));
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        // Each process its own, so several can run on one machine.
        int managementPort = freePort();
        builder.environment().put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPort));
        long logStart = Files.exists(log) ? Files.size(log) : 0;
        AppProcess app = new AppProcess(port, managementPort, log, builder.start(), logStart);
        app.awaitReady(Duration.ofSeconds(90));
        return app;
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    HttpResponse<String> get(String path) throws Exception {
        return get(uri(path));
    }

    /** A GET on the management interface, e.g. {@code /q/health/ready}. */
    HttpResponse<String> management(String path) throws Exception {
        return get(URI.create("http://localhost:" + managementPort + path));
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The status of a GET with this Accept header. */
    static int status(AppProcess app, String path, String accept) throws Exception {
        return HTTP.send(
                        HttpRequest.newBuilder(app.uri(path))
                                .header("Accept", accept)
                                .timeout(Duration.ofSeconds(20))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private void awaitReady(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the app exited with " + process.exitValue() + "; log:\n" + tail());
            }
            try {
                if (management("/q/health/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        close();
        throw new IllegalStateException("the app was not ready within " + timeout + "; log:\n" + tail());
    }

    String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    /** The last lines this process (not an earlier one under the same name) wrote. */
    String tailOfThisRun() throws IOException {
        byte[] all = Files.readAllBytes(log);
        int from = (int) Math.min(logStart, all.length);
        List<String> lines = List.of(
                new String(all, from, all.length - from, java.nio.charset.StandardCharsets.UTF_8).split("\n", -1));
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    /** The exit code of a process that has ended (128 + n when signal n ended it). */
    int exitCode() {
        return process.exitValue();
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** True while the process is stopped (SIGSTOP), from the state field of /proc/<pid>/stat. */
    boolean stopped() throws IOException {
        Path stat = Path.of("/proc", String.valueOf(process.pid()), "stat");
        if (!Files.exists(stat)) {
            return false;
        }
        String line = Files.readString(stat);
        return line.substring(line.lastIndexOf(')') + 2).startsWith("T");
    }

    void signal(String signal) throws Exception {
        new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid()))
                .inheritIO()
                .start()
                .waitFor();
    }

    /** As a crash or the OOM killer would: no shutdown hooks run. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill9();
            }
        }
    }

    /** The standard Quarkus datasource variables for a test database. */
    static Map<String, String> databaseEnv(org.lyceum.support.TestDatabase db) {
        return Map.of(
                "QUARKUS_DATASOURCE_REACTIVE_URL",
                db.reactiveUrl(),
                "QUARKUS_DATASOURCE_JDBC_URL",
                db.jdbcUrl(),
                "QUARKUS_DATASOURCE_USERNAME",
                db.user(),
                "QUARKUS_DATASOURCE_PASSWORD",
                db.password());
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
