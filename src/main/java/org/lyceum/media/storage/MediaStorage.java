package org.lyceum.media.storage;

import io.smallrye.mutiny.Uni;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Where the bytes of uploaded files live, by key: one small interface so that a local directory
 * and S3-compatible object storage are interchangeable (lyceum.media.storage). Every method is
 * non-blocking; keys are checked by {@link StorageKey}.
 */
public interface MediaStorage {

    /**
     * Stores a complete local file under the key, replacing what was there; readers see the old
     * file or the new one, never a part. The caller still owns (and deletes) {@code file}.
     */
    Uni<Void> put(String key, Path file, String mediaType);

    /**
     * As {@link #put}, but the file is the storage's afterwards: a local store moves it into place
     * instead of copying it (an upload is not written twice), others store it and delete it.
     */
    default Uni<Void> take(String key, Path file, String mediaType) {
        return put(key, file, mediaType).call(() -> Uni.createFrom()
                .item(file)
                .invoke(f -> f.toFile().delete())
                .runSubscriptionOn(io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool()));
    }

    /** The stored file, or the given range of it; null when nothing is stored under the key. */
    Uni<@Nullable StoredFile> get(String key, @Nullable ByteRange range);

    /** Whether something was stored under the key (and is now gone). */
    Uni<Boolean> delete(String key);
}
