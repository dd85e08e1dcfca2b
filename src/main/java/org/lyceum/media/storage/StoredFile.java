package org.lyceum.media.storage;

import io.smallrye.mutiny.Multi;
import io.vertx.mutiny.core.buffer.Buffer;
import org.jspecify.annotations.Nullable;

/**
 * A stored file being read: its whole size, the range served ({@code null} for all of it; then
 * {@code body} is the whole file) and the bytes as a stream, which the reader must consume or
 * cancel. A range that starts past the end has an empty body.
 */
public record StoredFile(long size, @Nullable ByteRange range, Multi<Buffer> body) {

    /** How many bytes {@code body} gives. */
    public long length() {
        if (range == null) {
            return size;
        }
        return range.satisfiable(size) ? range.length(size) : 0;
    }
}
