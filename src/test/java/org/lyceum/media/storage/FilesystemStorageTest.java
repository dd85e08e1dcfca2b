package org.lyceum.media.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.mutiny.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The filesystem backend against the storage contract, on a temporary directory; no Quarkus start. */
class FilesystemStorageTest extends MediaStorageContract {

    private static Vertx vertx;

    @TempDir
    static Path root;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.closeAndAwait();
    }

    @Override
    MediaStorage storage() {
        return new FilesystemStorage(vertx, root);
    }

    @Test
    void filesLandUnderTheRootAndNoPartIsLeft() throws IOException {
        storage()
                .put("uploads/kept.txt", write(new byte[] {1, 2, 3}), "text/plain")
                .await()
                .indefinitely();
        assertEquals(3, Files.size(root.resolve("uploads/kept.txt")));
        try (Stream<Path> all = Files.walk(root)) {
            List<Path> parts = all.filter(p -> p.toString().endsWith(".part")).toList();
            assertEquals(List.of(), parts, "a put leaves no part file behind");
        }
    }
}
