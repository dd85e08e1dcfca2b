package org.lyceum.federation.signature;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * HTTP Signatures as draft-cavage-http-signatures-12 has them, which Mastodon, Lemmy and most of the
 * fediverse send: a {@code Signature} header over {@code (request-target) host date digest} with
 * rsa-sha256 (hs2019 is read as RSA with SHA-256 too, as Mastodon does for RSA keys).
 */
public final class CavageSignatures {

    /** What we sign; every POST must cover the body's digest. */
    static final List<String> SIGNED = List.of("(request-target)", "host", "date", "digest");

    public static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

    private CavageSignatures() {}

    /**
     * Adds {@code Host}, {@code Date}, for a body {@code Digest}, and {@code Signature} to the
     * headers (a fresh signature per call: Mastodon refuses ones older than its window).
     */
    public static Map<String, String> sign(
            String method, java.net.URI target, byte @Nullable [] body, String keyId, PrivateKey key, Clock clock) {
        Map<String, String> headers = new LinkedHashMap<>();
        SignedRequest probe = new SignedRequest(method, target, Map.of(), body);
        headers.put("Host", probe.authority());
        headers.put("Date", HTTP_DATE.format(ZonedDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)));
        List<String> covered = new ArrayList<>(List.of("(request-target)", "host", "date"));
        if (body != null && (body.length > 0 || !"GET".equalsIgnoreCase(method))) {
            headers.put("Digest", Digests.digestHeader(body));
            covered.add("digest");
        }
        SignedRequest request = new SignedRequest(method, target, headers, body);
        String signature = Base64.getEncoder().encodeToString(rsaSha256(key, signingString(request, covered)));
        headers.put(
                "Signature",
                "keyId=\"" + keyId + "\",algorithm=\"rsa-sha256\",headers=\"" + String.join(" ", covered)
                        + "\",signature=\"" + signature + "\"");
        return headers;
    }

    /** The parts of a Signature header, before the key is known. */
    @SuppressWarnings("ArrayRecordComponent") // bytes handed from parser to verifier, never compared or hashed
    public record Parsed(String keyId, String algorithm, List<String> covered, byte[] signature) {}

    /** Parses the Signature header and checks what can be checked without the key: coverage, date, digest. */
    public static Parsed parse(SignedRequest request, Clock clock, Duration skew) throws SignatureException {
        String header = request.header("signature");
        if (header == null) {
            throw new SignatureException("the request is not signed");
        }
        Map<String, String> params = params(header);
        String keyId = params.get("keyid");
        String sig = params.get("signature");
        if (keyId == null || sig == null) {
            throw new SignatureException("the Signature header lacks keyId or signature");
        }
        List<String> covered = List.of(params.getOrDefault("headers", "date")
                .toLowerCase(Locale.ROOT)
                .trim()
                .split("\\s+"));
        if (!covered.contains("(request-target)") && !covered.contains("@request-target")) {
            throw new SignatureException("the signature does not cover (request-target)");
        }
        if (!covered.contains("host")) {
            // Without it a request signed for another server could be replayed here.
            throw new SignatureException("the signature does not cover host");
        }
        if (!covered.contains("date") && !covered.contains("(created)")) {
            throw new SignatureException("the signature covers neither date nor (created)");
        }
        if (covered.contains("date")) {
            checkDate(request.header("date"), clock, skew);
        }
        boolean hasBody = request.body().length > 0 || !"GET".equalsIgnoreCase(request.method());
        if (hasBody) {
            if (!covered.contains("digest")) {
                throw new SignatureException("the signature does not cover the body's digest");
            }
            Digests.checkDigest(request.header("digest"), request.body());
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sig);
        } catch (IllegalArgumentException e) {
            throw new SignatureException("the signature is not base64");
        }
        String algorithm = params.getOrDefault("algorithm", "hs2019").toLowerCase(Locale.ROOT);
        if (!algorithm.equals("rsa-sha256") && !algorithm.equals("hs2019")) {
            throw new SignatureException("unsupported signature algorithm " + algorithm);
        }
        return new Parsed(keyId, algorithm, covered, bytes);
    }

    /** Verifies a parsed signature with the signer's public key. */
    public static void verify(SignedRequest request, Parsed parsed, PublicKey key) throws SignatureException {
        byte[] signingString;
        try {
            signingString = signingString(request, parsed.covered());
        } catch (IllegalArgumentException e) {
            throw new SignatureException(e.getMessage());
        }
        try {
            java.security.Signature verifier = java.security.Signature.getInstance("SHA256withRSA");
            verifier.initVerify(key);
            verifier.update(signingString);
            if (!verifier.verify(parsed.signature())) {
                throw new SignatureException("the signature does not match");
            }
        } catch (GeneralSecurityException e) {
            throw new SignatureException("the signature could not be checked: " + e.getMessage());
        }
    }

    static byte[] signingString(SignedRequest request, List<String> covered) throws IllegalArgumentException {
        StringBuilder out = new StringBuilder();
        for (String name : covered) {
            if (out.length() > 0) {
                out.append('\n');
            }
            String value =
                    switch (name) {
                        case "(request-target)" ->
                            request.method().toLowerCase(Locale.ROOT) + " " + request.requestTarget();
                        // The server the request is for: ours when verifying (from the base URL), never the
                        // Host header that arrived, so a request signed for another server does not verify here.
                        case "host" -> request.authority();
                        default -> request.header(name);
                    };
            if (value == null) {
                throw new IllegalArgumentException("the signed header " + name + " is missing");
            }
            out.append(name).append(": ").append(value);
        }
        return out.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void checkDate(@Nullable String date, Clock clock, Duration skew) throws SignatureException {
        if (date == null) {
            throw new SignatureException("the Date header is missing");
        }
        Instant at;
        try {
            at = ZonedDateTime.parse(date, HTTP_DATE).toInstant();
        } catch (DateTimeParseException e) {
            throw new SignatureException("the Date header is not an HTTP date");
        }
        Duration off = Duration.between(at, clock.instant()).abs();
        if (off.compareTo(skew) > 0) {
            throw new SignatureException("the Date header is " + off.toMinutes() + " minutes off our clock");
        }
    }

    /** {@code a="b",c="d"}: keys lower-cased, quotes removed. */
    static Map<String, String> params(String header) throws SignatureException {
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        while (i < header.length()) {
            int eq = header.indexOf('=', i);
            if (eq < 0) {
                throw new SignatureException("the Signature header is malformed");
            }
            String key = header.substring(i, eq).trim().toLowerCase(Locale.ROOT);
            int start = eq + 1;
            String value;
            if (start < header.length() && header.charAt(start) == '"') {
                int end = header.indexOf('"', start + 1);
                if (end < 0) {
                    throw new SignatureException("the Signature header has an unclosed quote");
                }
                value = header.substring(start + 1, end);
                i = end + 1;
            } else {
                int end = header.indexOf(',', start);
                end = end < 0 ? header.length() : end;
                value = header.substring(start, end).trim();
                i = end;
            }
            out.put(key, value);
            while (i < header.length() && (header.charAt(i) == ',' || header.charAt(i) == ' ')) {
                i++;
            }
        }
        return out;
    }

    private static byte[] rsaSha256(PrivateKey key, byte[] data) {
        try {
            java.security.Signature signer = java.security.Signature.getInstance("SHA256withRSA");
            signer.initSign(key);
            signer.update(data);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
