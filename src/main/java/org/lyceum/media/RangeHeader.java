package org.lyceum.media;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.lyceum.media.storage.ByteRange;

/**
 * The one byte range a {@code Range} header asks for. Anything else (several ranges, another unit,
 * a malformed header, an {@code If-Range} that is not the file's ETag) is ignored, as RFC 9110
 * allows: the whole file is served.
 */
final class RangeHeader {

    /** At most 18 digits, so that every number fits a long. */
    private static final Pattern ONE =
            Pattern.compile("bytes\\s*=\\s*(\\d{0,18})-(\\d{0,18})\\s*", Pattern.CASE_INSENSITIVE);

    private RangeHeader() {}

    /**
     * The range to serve of a file of this size, or null for the whole file. A range that starts
     * past the end (or a suffix of nothing) comes back not {@link ByteRange#satisfiable satisfiable}: 416.
     */
    static @Nullable ByteRange parse(@Nullable String range, @Nullable String ifRange, String etag, long size) {
        if (range == null || (ifRange != null && !ifRange.strip().equals(etag))) {
            return null;
        }
        Matcher m = ONE.matcher(range);
        if (!m.matches()) {
            return null;
        }
        String first = m.group(1);
        String last = m.group(2);
        if (first.isEmpty()) {
            if (last.isEmpty()) {
                return null;
            }
            long suffix = Long.parseLong(last);
            return suffix == 0 || size == 0
                    ? new ByteRange(size, size)
                    : new ByteRange(Math.max(0, size - suffix), size - 1);
        }
        long from = Long.parseLong(first);
        long to = last.isEmpty() ? Long.MAX_VALUE : Long.parseLong(last);
        return to < from ? null : new ByteRange(from, to);
    }

    /** The {@code Content-Range} of a satisfiable range. */
    static String contentRange(ByteRange range, long size) {
        return "bytes " + range.first() + "-" + Math.min(range.last(), size - 1) + "/" + size;
    }
}
