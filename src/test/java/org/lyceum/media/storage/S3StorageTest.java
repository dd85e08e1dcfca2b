package org.lyceum.media.storage;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.mutiny.core.Vertx;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lyceum.support.Required;

/**
 * The S3 backend against the storage contract, on a real S3 API server: S3Proxy (filesystem
 * provider, AWS signatures checked), which the build copies to target/s3proxy and this test starts
 * as a process of its own.
 */
class S3StorageTest extends MediaStorageContract {

    private static final Path JAR = Path.of("target/s3proxy/s3proxy.jar");

    @TempDir
    static Path dir;

    private static Process s3proxy;
    private static Vertx vertx;
    private static S3Storage storage;

    @BeforeAll
    static void start() throws Exception {
        Required.dependency(
                Files.exists(JAR),
                () -> "S3Proxy is not at " + JAR + " (the build copies it there: ./mvnw test-compile)");
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path buckets = Files.createDirectories(dir.resolve("buckets"));
        Path conf = Files.writeString(
                dir.resolve("s3proxy.conf"),
                String.join(
                        "\n",
                        "s3proxy.endpoint=http://127.0.0.1:" + port,
                        "s3proxy.authorization=aws-v2-or-v4",
                        "s3proxy.identity=lyceum",
                        "s3proxy.credential=lyceum-secret",
                        "jclouds.provider=filesystem",
                        "jclouds.filesystem.basedir=" + buckets));
        s3proxy = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-jar",
                        JAR.toString(),
                        "--properties",
                        conf.toString()))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("s3proxy.log").toFile())
                .start();
        awaitPort(port);
        vertx = Vertx.vertx();
        storage = new S3Storage(
                vertx,
                new S3Storage.Settings(
                        URI.create("http://127.0.0.1:" + port),
                        "us-east-1",
                        "lyceum-media",
                        "lyceum",
                        "lyceum-secret",
                        true));
        storage.createBucket().await().atMost(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        if (vertx != null) {
            vertx.closeAndAwait();
        }
        if (s3proxy != null) {
            s3proxy.destroy();
        }
    }

    @Override
    MediaStorage storage() {
        return storage;
    }

    /** S3Proxy checks signatures: the contract above passed signed, and a wrong secret is refused. */
    @Test
    void aRequestSignedWithTheWrongSecretIsRefused() throws IOException {
        S3Storage.Settings right = storage.settings();
        S3Storage wrong = new S3Storage(
                vertx,
                new S3Storage.Settings(
                        right.endpoint(), right.region(), right.bucket(), right.accessKey(), "not-the-secret", true));
        Path file = write(new byte[] {1});
        IllegalStateException refused = assertThrows(
                IllegalStateException.class,
                () -> wrong.put("uploads/forged", file, "text/plain").await().atMost(Duration.ofSeconds(30)));
        assertTrue(refused.getMessage().contains("S3 answered 403"), refused.getMessage());
        assertNull(storage.get("uploads/forged", null).await().atMost(Duration.ofSeconds(30)));
    }

    private static void awaitPort(int port) throws IOException, InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < end) {
            if (!s3proxy.isAlive()) {
                throw new IllegalStateException("S3Proxy exited: " + Files.readString(dir.resolve("s3proxy.log")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException(
                "S3Proxy did not listen within 60 s: " + Files.readString(dir.resolve("s3proxy.log")));
    }
}
