package org.lyceum.media;

import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The headers a served file goes out with: its type, never sniffed; a sandboxing CSP, so that an
 * HTML or SVG file opened directly cannot run script; inline only for types a browser shows
 * safely; an ETag and caching for files that never change (a new file is a new id).
 */
final class MediaHeaders {

    static final String CSP =
            "default-src 'none'; img-src 'self' data:; media-src 'self'; style-src 'unsafe-inline'; sandbox";
    /** Browsers' PDF viewers do not run in a sandboxed document; a PDF is shown inline, so it goes without. */
    static final String PDF_CSP = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'";

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern(
                    "EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    /** RFC 8187 attr-char: what stays as it is in {@code filename*}. */
    private static final String ATTR_CHARS = "!#$&+-.^_`|~";

    private MediaHeaders() {}

    static String etag(UUID id, String variant) {
        return "\"" + id + "-" + variant + "\"";
    }

    /**
     * Every header of a file's answer but its length and range. {@code signedUntil}: the expiry (epoch
     * seconds) of the signed URL it is served through, or null for a public file.
     */
    static void put(MultiMap headers, Media media, String variant, @Nullable Long signedUntil) {
        headers.set("Content-Type", contentType(media.mediaType()))
                .set("X-Content-Type-Options", "nosniff")
                .set("Content-Security-Policy", "application/pdf".equals(media.mediaType()) ? PDF_CSP : CSP)
                .set("Content-Disposition", disposition(media.mediaType(), media.name()))
                .set("ETag", etag(media.id(), variant))
                .set("Last-Modified", HTTP_DATE.format(media.createdAt()))
                .set("Accept-Ranges", "bytes");
        if (signedUntil == null) {
            // A file's bytes never change, but whether it is public does (content deleted, a community
            // made private): a day, so that caches and a CDN let go of it in time.
            headers.set("Cache-Control", "public, max-age=86400");
        } else {
            long left = Math.max(0, signedUntil - Instant.now().getEpochSecond());
            headers.set("Cache-Control", "private, max-age=" + left).set("Referrer-Policy", "no-referrer");
        }
    }

    static String contentType(String mediaType) {
        return mediaType.startsWith("text/") && !mediaType.contains(";") ? mediaType + "; charset=utf-8" : mediaType;
    }

    /** Whether a browser may show the type in place: images but SVG, PDF, audio and video. */
    static boolean inline(String mediaType) {
        return (mediaType.startsWith("image/") && !mediaType.startsWith("image/svg"))
                || mediaType.equals("application/pdf")
                || mediaType.startsWith("audio/")
                || mediaType.startsWith("video/");
    }

    static String disposition(String mediaType, String name) {
        StringBuilder ascii = new StringBuilder(name.length());
        name.codePoints().forEach(c -> ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? (char) c : '_'));
        StringBuilder encoded = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || ATTR_CHARS.indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
            }
        }
        return (inline(mediaType) ? "inline" : "attachment") + "; filename=\"" + ascii + "\"; filename*=UTF-8''"
                + encoded;
    }

    /**
     * Whether the client's copy is current: {@code If-None-Match} names the ETag (weakly compared, or
     * {@code *}); without it, {@code If-Modified-Since} is not before the file was made.
     */
    static boolean notModified(
            @Nullable String ifNoneMatch, @Nullable String ifModifiedSince, String etag, OffsetDateTime created) {
        if (ifNoneMatch != null) {
            for (String tag : ifNoneMatch.split(",", -1)) {
                String t = tag.strip();
                if (t.equals("*") || (t.startsWith("W/") ? t.substring(2) : t).equals(etag)) {
                    return true;
                }
            }
            return false;
        }
        if (ifModifiedSince != null) {
            try {
                ZonedDateTime since =
                        ZonedDateTime.parse(ifModifiedSince.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
                return !created.toInstant().truncatedTo(ChronoUnit.SECONDS).isAfter(since.toInstant());
            } catch (DateTimeParseException e) {
                return false; // not a date: ignored, as RFC 9110 says
            }
        }
        return false;
    }
}
