package org.lyceum.media.storage;

/**
 * A byte range as HTTP Range asks for it, {@code first} to {@code last} inclusive; a {@code last}
 * past the end stops at the end. A range that starts past the end is not satisfiable (416).
 */
public record ByteRange(long first, long last) {

    public ByteRange {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("not a byte range: " + first + "-" + last);
        }
    }

    /** Whether any of the range lies within a file of this size. */
    public boolean satisfiable(long size) {
        return first < size;
    }

    /** How many bytes of a file of this size the range covers. */
    public long length(long size) {
        return Math.min(last, size - 1) - first + 1;
    }
}
