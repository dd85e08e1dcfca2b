package org.lyceum.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.lyceum.support.NodeProject;

/**
 * The Fedify test peer (src/test/fedify, Fedify 2.3.6 from npm) as a child process: a fediverse
 * server we did not write, driven through its small control API.
 */
final class FedifyPeer implements AutoCloseable {

    static final Path DIR = new NodeProject("fedify").dir();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final int port;
    private final Process process;
    private final Path log;

    private FedifyPeer(int port, Process process, Path log) {
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** Why the peer cannot run here (no node, npm failed), or null when it can. */
    static @Nullable String unavailable() {
        return new NodeProject("fedify").unavailable("@fedify/fedify");
    }

    static FedifyPeer start(String actor, Map<String, String> env) throws Exception {
        int port = AppProcess.freePort();
        Path log = Path.of("target", "it-logs", "fedify-" + actor + ".log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder("node", "peer.mjs")
                .directory(DIR.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        builder.environment().put("PORT", String.valueOf(port));
        builder.environment().put("ACTOR", actor);
        FedifyPeer peer = new FedifyPeer(port, builder.start(), log);
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Files.readString(log).contains("READY ")) {
            if (!peer.process.isAlive() || System.nanoTime() > end) {
                peer.close();
                throw new IllegalStateException("the Fedify peer did not start:\n" + Files.readString(log));
            }
            Thread.sleep(100);
        }
        return peer;
    }

    String actorId(String actor) {
        return "http://127.0.0.1:" + port + "/users/" + actor;
    }

    JsonNode get(String path) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return Http.JSON.readTree(r.body());
    }

    /** A control call; the peer answers 200 when the remote inbox took the activity. */
    Http.Reply post(String path, Object body) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("content-type", "application/json")
                        .timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofString(Http.JSON.writeValueAsString(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return new Http.Reply(r.statusCode(), Http.JSON.readTree(r.body()));
    }

    String log() throws Exception {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
