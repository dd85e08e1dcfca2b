package org.lyceum.media.storage;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 for S3 requests, header form, with an unsigned payload (S3 allows it
 * for every request, so a file is streamed without being read twice). Written after AWS's
 * "Signature Version 4 signing process" reference; no query string, as Lyceum sends none.
 */
final class SigV4 {

    static final String UNSIGNED = "UNSIGNED-PAYLOAD";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT);

    private final String accessKey;
    private final String secretKey;
    private final String region;

    SigV4(String accessKey, String secretKey, String region) {
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.region = region;
    }

    /**
     * The headers to add to a request: {@code x-amz-date}, {@code x-amz-content-sha256} and
     * {@code Authorization}, signing those, {@code host} and the given ones (e.g. Range).
     */
    Map<String, String> sign(String method, URI uri, Map<String, String> headers, ZonedDateTime at) {
        return sign(method, uri, headers, UNSIGNED, at);
    }

    /** As above with the payload's hex SHA-256 (or {@link #UNSIGNED}) as {@code x-amz-content-sha256}. */
    Map<String, String> sign(String method, URI uri, Map<String, String> headers, String payload, ZonedDateTime at) {
        String stamp = STAMP.format(at.withZoneSameInstant(ZoneOffset.UTC));
        String day = stamp.substring(0, 8);
        TreeMap<String, String> signed = new TreeMap<>();
        headers.forEach((k, v) -> signed.put(k.toLowerCase(Locale.ROOT), v.strip()));
        // As the client sends Host: without the scheme's default port.
        boolean defaultPort = uri.getPort() < 0
                || (uri.getPort() == 443 && "https".equals(uri.getScheme()))
                || (uri.getPort() == 80 && "http".equals(uri.getScheme()));
        signed.put("host", defaultPort ? uri.getHost() : uri.getHost() + ":" + uri.getPort());
        signed.put("x-amz-date", stamp);
        signed.put("x-amz-content-sha256", payload);
        StringBuilder canonicalHeaders = new StringBuilder();
        signed.forEach(
                (k, v) -> canonicalHeaders.append(k).append(':').append(v).append('\n'));
        String signedHeaders = String.join(";", signed.keySet());
        String canonical =
                method + "\n" + uri.getRawPath() + "\n\n" + canonicalHeaders + "\n" + signedHeaders + "\n" + payload;
        String scope = day + "/" + region + "/s3/aws4_request";
        String toSign = "AWS4-HMAC-SHA256\n" + stamp + "\n" + scope + "\n" + hex(sha256(canonical));
        byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), day);
        key = hmac(key, region);
        key = hmac(key, "s3");
        key = hmac(key, "aws4_request");
        String signature = hex(hmac(key, toSign));
        return Map.of(
                "x-amz-date",
                stamp,
                "x-amz-content-sha256",
                payload,
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=" + accessKey + "/" + scope + ", SignedHeaders=" + signedHeaders
                        + ", Signature=" + signature);
    }

    /** A key's path segments as S3 wants them in the canonical URI: RFC 3986 unreserved kept, the rest %XX. */
    static String encode(String segment) {
        StringBuilder out = new StringBuilder();
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
