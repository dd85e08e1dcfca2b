package org.lyceum.media.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.mutiny.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every storage backend must do (issue 15: put, get, range, delete, missing), run against
 * each backend by a subclass that says how to make one.
 */
abstract class MediaStorageContract {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path scratch;

    abstract MediaStorage storage();

    @Test
    void aTakenFileIsTheStoragesAfterwards() throws IOException {
        byte[] bytes = randomBytes(200_000);
        Path file = write(bytes);
        storage().take("uploads/taken.bin", file, "application/zip").await().atMost(WAIT);
        assertFalse(Files.exists(file), "the file was moved into the storage, or stored and deleted");
        assertArrayEquals(bytes, read(get("uploads/taken.bin", null)));
    }

    @Test
    void aFileComesBackWholeAndInRanges() throws IOException {
        byte[] bytes = randomBytes(300_000);
        Path file = write(bytes);
        storage().put("uploads/whole.pdf", file, "application/pdf").await().atMost(WAIT);
        assertTrue(Files.exists(file), "the caller's file is left for the caller");

        StoredFile whole = get("uploads/whole.pdf", null);
        assertEquals(bytes.length, whole.size());
        assertEquals(bytes.length, whole.length());
        assertArrayEquals(bytes, read(whole));

        StoredFile middle = get("uploads/whole.pdf", new ByteRange(1_000, 1_999));
        assertEquals(1_000, middle.length());
        assertArrayEquals(Arrays.copyOfRange(bytes, 1_000, 2_000), read(middle));

        StoredFile tail = get("uploads/whole.pdf", new ByteRange(299_990, 400_000));
        assertEquals(10, tail.length(), "a range past the end stops at the end");
        assertArrayEquals(Arrays.copyOfRange(bytes, 299_990, 300_000), read(tail));

        StoredFile beyond = get("uploads/whole.pdf", new ByteRange(300_000, 300_010));
        assertEquals(bytes.length, beyond.size());
        assertEquals(0, beyond.length());
        assertEquals(0, read(beyond).length, "a range that starts past the end has no bytes");
    }

    @Test
    void aPutReplacesAndADeleteRemoves() throws IOException {
        storage()
                .put("uploads/replaced.txt", write(bytes("first")), "text/plain")
                .await()
                .atMost(WAIT);
        storage()
                .put("uploads/replaced.txt", write(bytes("second")), "text/plain")
                .await()
                .atMost(WAIT);
        assertArrayEquals(bytes("second"), read(get("uploads/replaced.txt", null)));

        assertTrue(storage().delete("uploads/replaced.txt").await().atMost(WAIT));
        assertNull(storage().get("uploads/replaced.txt", null).await().atMost(WAIT));
        assertFalse(storage().delete("uploads/replaced.txt").await().atMost(WAIT), "gone already");
    }

    @Test
    void whatWasNeverStoredIsMissingNotAnError() {
        assertNull(storage().get("uploads/never", null).await().atMost(WAIT));
        assertNull(storage().get("never/never", new ByteRange(0, 10)).await().atMost(WAIT));
        assertFalse(storage().delete("never/never").await().atMost(WAIT));
    }

    @Test
    void keysThatCouldLeaveTheStoreAreRefused() throws IOException {
        Path file = write(bytes("x"));
        for (String key : List.of("../outside", "uploads/../../outside", "/etc/passwd", "a//b", "Upper", "", "a/b/")) {
            assertThrows(
                    IllegalArgumentException.class,
                    () -> storage().put(key, file, "text/plain").await().atMost(WAIT),
                    key);
            assertThrows(
                    IllegalArgumentException.class,
                    () -> storage().get(key, null).await().atMost(WAIT),
                    key);
            assertThrows(
                    IllegalArgumentException.class,
                    () -> storage().delete(key).await().atMost(WAIT),
                    key);
        }
    }

    private StoredFile get(String key, ByteRange range) {
        StoredFile found = storage().get(key, range).await().atMost(WAIT);
        assertNotNull(found, key);
        return found;
    }

    private static byte[] read(StoredFile file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Buffer chunk : file.body().collect().asList().await().atMost(WAIT)) {
            out.writeBytes(chunk.getBytes());
        }
        return out.toByteArray();
    }

    Path write(byte[] bytes) throws IOException {
        return Files.write(Files.createTempFile(scratch, "upload", ".bin"), bytes);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(42).nextBytes(b);
        return b;
    }
}
