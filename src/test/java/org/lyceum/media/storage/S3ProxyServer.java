package org.lyceum.media.storage;

import io.vertx.mutiny.core.Vertx;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.lyceum.support.Required;

/**
 * S3Proxy, a real S3 API server (AWS signatures checked), run as a process of its own on a free
 * port with the filesystem provider: a bucket is a folder under {@link #basedir()} and an object a
 * file in it, so a test can see where bytes went. The build copies the jar to target/s3proxy.
 */
public final class S3ProxyServer implements AutoCloseable {

    public static final String ACCESS_KEY = "lyceum";
    public static final String SECRET_KEY = "lyceum-secret";
    public static final String REGION = "us-east-1";

    private static final Path JAR = Path.of("target/s3proxy/s3proxy.jar");

    private final URI endpoint;
    private final Path basedir;
    private final Path log;
    private final Process process;

    private S3ProxyServer(URI endpoint, Path basedir, Path log, Process process) {
        this.endpoint = endpoint;
        this.basedir = basedir;
        this.log = log;
        this.process = process;
    }

    /** Starts S3Proxy with its configuration, log and buckets under {@code dir}, and waits until it listens. */
    public static S3ProxyServer start(Path dir) throws IOException, InterruptedException {
        Required.dependency(
                Files.exists(JAR),
                () -> "S3Proxy is not at " + JAR + " (the build copies it there: ./mvnw test-compile)");
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path buckets = Files.createDirectories(dir.resolve("buckets"));
        Path conf = Files.writeString(
                dir.resolve("s3proxy.conf"),
                String.join(
                        "\n",
                        "s3proxy.endpoint=http://127.0.0.1:" + port,
                        "s3proxy.authorization=aws-v2-or-v4",
                        "s3proxy.identity=" + ACCESS_KEY,
                        "s3proxy.credential=" + SECRET_KEY,
                        "jclouds.provider=filesystem",
                        "jclouds.filesystem.basedir=" + buckets));
        Path log = dir.resolve("s3proxy.log");
        Process process = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-jar",
                        JAR.toAbsolutePath().toString(),
                        "--properties",
                        conf.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        S3ProxyServer server = new S3ProxyServer(URI.create("http://127.0.0.1:" + port), buckets, log, process);
        try {
            server.awaitPort(port);
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** The folder holding one folder per bucket. */
    public Path basedir() {
        return basedir;
    }

    /** The folder of a bucket, where its objects are files named by their keys. */
    public Path bucketDirectory(String bucket) {
        return basedir.resolve(bucket);
    }

    /** How {@link S3Storage} reaches a bucket of this server: path style, the right credentials. */
    public S3Storage.Settings settings(String bucket) {
        return new S3Storage.Settings(endpoint, REGION, bucket, ACCESS_KEY, SECRET_KEY, true);
    }

    /** Creates a bucket through the S3 API (a signed PUT), as an operator would before the first start. */
    public void createBucket(String bucket) {
        Vertx vertx = Vertx.vertx();
        try {
            new S3Storage(vertx, settings(bucket)).createBucket().await().atMost(Duration.ofSeconds(30));
        } finally {
            vertx.closeAndAwait();
        }
    }

    private void awaitPort(int port) throws IOException, InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Proxy exited: " + Files.readString(log));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("S3Proxy did not listen within 60 s: " + Files.readString(log));
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}
