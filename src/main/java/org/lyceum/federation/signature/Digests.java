package org.lyceum.federation.signature;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Body digests: {@code Digest: SHA-256=<base64>} (RFC 3230, what draft-cavage signers send) and
 * {@code Content-Digest: sha-256=:<base64>:} (RFC 9530, what RFC 9421 signers send).
 */
public final class Digests {

    private Digests() {}

    public static String digestHeader(byte[] body) {
        return "SHA-256=" + Base64.getEncoder().encodeToString(sha256(body));
    }

    public static String contentDigestHeader(byte[] body) {
        return "sha-256=:" + Base64.getEncoder().encodeToString(sha256(body)) + ":";
    }

    /** Checks a Digest header that names SHA-256 (other algorithms are not accepted). */
    static void checkDigest(@Nullable String header, byte[] body) throws SignatureException {
        if (header == null) {
            throw new SignatureException("the Digest header is missing");
        }
        for (String part : header.split(",", -1)) {
            String p = part.trim();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).toLowerCase(Locale.ROOT).equals("sha-256")) {
                if (!MessageDigest.isEqual(decode(p.substring(eq + 1)), sha256(body))) {
                    throw new SignatureException("the Digest header does not match the body");
                }
                return;
            }
        }
        throw new SignatureException("the Digest header has no SHA-256 value");
    }

    /** Checks a Content-Digest header that names sha-256 or sha-512. */
    static void checkContentDigest(@Nullable String header, byte[] body) throws SignatureException {
        if (header == null) {
            throw new SignatureException("the Content-Digest header is missing");
        }
        for (String part : header.split(",", -1)) {
            String p = part.trim();
            int eq = p.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String alg = p.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = p.substring(eq + 1).trim();
            if (value.length() < 2 || value.charAt(0) != ':' || value.charAt(value.length() - 1) != ':') {
                throw new SignatureException("the Content-Digest header is malformed");
            }
            byte[] expected = decode(value.substring(1, value.length() - 1));
            byte[] actual =
                    switch (alg) {
                        case "sha-256" -> sha256(body);
                        case "sha-512" -> hash("SHA-512", body);
                        default -> null;
                    };
            if (actual != null) {
                if (!MessageDigest.isEqual(expected, actual)) {
                    throw new SignatureException("the Content-Digest header does not match the body");
                }
                return;
            }
        }
        throw new SignatureException("the Content-Digest header has no sha-256 or sha-512 value");
    }

    private static byte[] decode(String base64) throws SignatureException {
        try {
            return Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new SignatureException("a digest is not base64");
        }
    }

    static byte[] sha256(byte[] body) {
        return hash("SHA-256", body);
    }

    private static byte[] hash(String algorithm, byte[] body) {
        try {
            return MessageDigest.getInstance(algorithm).digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
