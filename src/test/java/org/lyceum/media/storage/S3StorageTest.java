package org.lyceum.media.storage;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.mutiny.core.Vertx;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The S3 backend against the storage contract, on a real S3 API server: S3Proxy (filesystem
 * provider, AWS signatures checked), which the build copies to target/s3proxy and {@link
 * S3ProxyServer} starts as a process of its own.
 */
class S3StorageTest extends MediaStorageContract {

    @TempDir
    static Path dir;

    private static S3ProxyServer s3proxy;
    private static Vertx vertx;
    private static S3Storage storage;

    @BeforeAll
    static void start() throws Exception {
        s3proxy = S3ProxyServer.start(dir);
        vertx = Vertx.vertx();
        storage = new S3Storage(vertx, s3proxy.settings("lyceum-media"));
        storage.createBucket().await().atMost(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (vertx != null) {
            vertx.closeAndAwait();
        }
        if (s3proxy != null) {
            s3proxy.close();
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
}
