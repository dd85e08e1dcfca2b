package org.lyceum.lock;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A one-member etcd for tests and benchmarks: Debian's etcd-server binary (which .ci/run installs),
 * free ports, a temporary data directory.
 */
final class LocalEtcd implements AutoCloseable {

    static final String MISSING = "no etcd binary (apt-get install etcd-server)";

    private final Process process;
    final String url;

    private LocalEtcd(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    /** Started and healthy, or empty when no etcd is installed. */
    static Optional<LocalEtcd> start() throws Exception {
        Path binary = List.of(Path.of("/usr/bin/etcd"), Path.of("/usr/local/bin/etcd")).stream()
                .filter(Files::isExecutable)
                .findFirst()
                .orElse(null);
        if (binary == null) {
            return Optional.empty();
        }
        int client = freePort();
        int peer = freePort();
        Path dir = Files.createTempDirectory("lyceum-etcd");
        String clientUrl = "http://127.0.0.1:" + client;
        String peerUrl = "http://127.0.0.1:" + peer;
        Process process = new ProcessBuilder(
                        binary.toString(),
                        "--name",
                        "lock-test",
                        "--data-dir",
                        dir.resolve("data").toString(),
                        "--listen-client-urls",
                        clientUrl,
                        "--advertise-client-urls",
                        clientUrl,
                        "--listen-peer-urls",
                        peerUrl,
                        "--initial-advertise-peer-urls",
                        peerUrl,
                        "--initial-cluster",
                        "lock-test=" + peerUrl)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("etcd.log").toFile())
                .start();
        LocalEtcd etcd = new LocalEtcd(process, clientUrl);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("etcd exited: " + Files.readString(dir.resolve("etcd.log")));
            }
            try {
                HttpURLConnection c = (HttpURLConnection)
                        URI.create(clientUrl + "/health").toURL().openConnection();
                c.setConnectTimeout(500);
                if (c.getResponseCode() == 200) {
                    return Optional.of(etcd);
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(100);
        }
        etcd.close();
        throw new IllegalStateException("etcd was not healthy within 30 s");
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
