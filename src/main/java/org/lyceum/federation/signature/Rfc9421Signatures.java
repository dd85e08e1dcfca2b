package org.lyceum.federation.signature;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * HTTP Message Signatures (RFC 9421), as Fedify and newer servers send them: {@code Signature-Input}
 * names the covered components and parameters, {@code Signature} carries the bytes, the body is
 * covered through {@code Content-Digest} (RFC 9530). Verified: rsa-v1_5-sha256, rsa-pss-sha512,
 * ed25519. Signed: rsa-v1_5-sha256, what fediverse servers read.
 */
public final class Rfc9421Signatures {

    private Rfc9421Signatures() {}

    /** Adds Content-Digest (with a body), Signature-Input and Signature, label "sig1"; RSA or Ed25519 keys. */
    public static Map<String, String> sign(
            String method, URI target, byte @Nullable [] body, String keyId, PrivateKey key, Clock clock) {
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> covered = new ArrayList<>(List.of("@method", "@target-uri"));
        if (body != null && body.length > 0) {
            headers.put("Content-Digest", Digests.contentDigestHeader(body));
            covered.add("content-digest");
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("created", clock.instant().getEpochSecond());
        params.put("keyid", keyId);
        boolean ed25519 = "EdDSA".equals(key.getAlgorithm()) || "Ed25519".equals(key.getAlgorithm());
        params.put("alg", ed25519 ? "ed25519" : "rsa-v1_5-sha256");
        Input input = new Input("sig1", covered, params);
        SignedRequest request = new SignedRequest(method, target, headers, body);
        byte[] base = base(request, input);
        byte[] signature;
        try {
            java.security.Signature signer = java.security.Signature.getInstance(ed25519 ? "Ed25519" : "SHA256withRSA");
            signer.initSign(key);
            signer.update(base);
            signature = signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        headers.put("Signature-Input", "sig1=" + input.serialize());
        headers.put("Signature", "sig1=:" + Base64.getEncoder().encodeToString(signature) + ":");
        return headers;
    }

    /** The first signature of the request: its label, covered components and parameters. */
    public record Input(String label, List<String> components, Map<String, Object> params) {

        public @Nullable String keyId() {
            Object k = params.get("keyid");
            return k == null ? null : k.toString();
        }

        String serialize() {
            StringBuilder out = new StringBuilder("(");
            for (int i = 0; i < components.size(); i++) {
                out.append(i == 0 ? "" : " ")
                        .append('"')
                        .append(components.get(i))
                        .append('"');
            }
            out.append(')');
            params.forEach((k, v) ->
                    out.append(';').append(k).append('=').append(v instanceof Long ? v.toString() : "\"" + v + "\""));
            return out.toString();
        }
    }

    @SuppressWarnings("ArrayRecordComponent") // bytes handed from parser to verifier, never compared or hashed
    public record Parsed(Input input, byte[] signature) {}

    /** Whether the request carries an RFC 9421 signature at all. */
    public static boolean present(SignedRequest request) {
        return request.header("signature-input") != null;
    }

    /** Parses and checks all that needs no key: coverage, age, body digest. */
    public static Parsed parse(SignedRequest request, Clock clock, Duration skew) throws SignatureException {
        Input input = parseInput(request.header("signature-input"));
        byte[] signature = signatureFor(request.header("signature"), input.label());
        List<String> c = input.components();
        if (!c.contains("@method")
                || !(c.contains("@target-uri")
                        || (c.contains("@authority") && (c.contains("@path") || c.contains("@request-target"))))) {
            throw new SignatureException("the signature must cover the method and the target");
        }
        Object created = input.params().get("created");
        if (!(created instanceof Long seconds)) {
            throw new SignatureException("the signature has no created time");
        }
        Instant now = clock.instant();
        if (Duration.between(Instant.ofEpochSecond(seconds), now).abs().compareTo(skew) > 0) {
            throw new SignatureException("the signature was created too far from our clock");
        }
        if (input.params().get("expires") instanceof Long expires
                && Instant.ofEpochSecond(expires).isBefore(now)) {
            throw new SignatureException("the signature has expired");
        }
        if (request.body().length > 0) {
            if (!c.contains("content-digest")) {
                throw new SignatureException("the signature does not cover the body's Content-Digest");
            }
            Digests.checkContentDigest(request.header("content-digest"), request.body());
        }
        if (input.keyId() == null) {
            throw new SignatureException("the signature has no keyid");
        }
        return new Parsed(input, signature);
    }

    public static void verify(SignedRequest request, Parsed parsed, PublicKey key) throws SignatureException {
        byte[] base;
        try {
            base = base(request, parsed.input());
        } catch (IllegalArgumentException e) {
            throw new SignatureException(e.getMessage());
        }
        Object alg = parsed.input().params().get("alg");
        String algorithm =
                alg != null ? alg.toString() : "RSA".equals(key.getAlgorithm()) ? "rsa-v1_5-sha256" : "ed25519";
        try {
            java.security.Signature verifier;
            switch (algorithm) {
                case "rsa-v1_5-sha256" -> verifier = java.security.Signature.getInstance("SHA256withRSA");
                case "rsa-pss-sha512" -> {
                    verifier = java.security.Signature.getInstance("RSASSA-PSS");
                    verifier.setParameter(new PSSParameterSpec("SHA-512", "MGF1", MGF1ParameterSpec.SHA512, 64, 1));
                }
                case "ed25519" -> verifier = java.security.Signature.getInstance("Ed25519");
                default -> throw new SignatureException("unsupported signature algorithm " + algorithm);
            }
            verifier.initVerify(key);
            verifier.update(base);
            if (!verifier.verify(parsed.signature())) {
                throw new SignatureException("the signature does not match");
            }
        } catch (GeneralSecurityException e) {
            throw new SignatureException("the signature could not be checked: " + e.getMessage());
        }
    }

    /** The signature base of RFC 9421 section 2.5. */
    static byte[] base(SignedRequest request, Input input) {
        StringBuilder out = new StringBuilder();
        for (String component : input.components()) {
            out.append('"')
                    .append(component)
                    .append("\": ")
                    .append(value(request, component))
                    .append('\n');
        }
        out.append("\"@signature-params\": ").append(input.serialize());
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String value(SignedRequest request, String component) {
        URI uri = request.target();
        return switch (component) {
            case "@method" -> request.method().toUpperCase(Locale.ROOT);
            case "@target-uri" -> uri.toString();
            case "@authority" -> request.authority();
            case "@scheme" -> uri.getScheme().toLowerCase(Locale.ROOT);
            case "@request-target" -> request.requestTarget();
            case "@path" -> uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            case "@query" -> "?" + (uri.getRawQuery() == null ? "" : uri.getRawQuery());
            default -> {
                if (component.startsWith("@")) {
                    throw new IllegalArgumentException("unsupported derived component " + component);
                }
                String v = request.header(component);
                if (v == null) {
                    throw new IllegalArgumentException("the covered header " + component + " is missing");
                }
                yield v;
            }
        };
    }

    /**
     * The first member of a Signature-Input dictionary (RFC 8941): {@code label=("a" "b");k=v;...}.
     * Components with parameters are not supported and refused.
     */
    static Input parseInput(@Nullable String header) throws SignatureException {
        if (header == null) {
            throw new SignatureException("the Signature-Input header is missing");
        }
        String h = header.trim();
        int eq = h.indexOf('=');
        int open = h.indexOf('(');
        int close = h.indexOf(')');
        if (eq <= 0 || open != eq + 1 || close < open) {
            throw new SignatureException("the Signature-Input header is malformed");
        }
        String label = h.substring(0, eq).trim();
        List<String> components = new ArrayList<>();
        String inner = h.substring(open + 1, close).trim();
        if (!inner.isEmpty()) {
            for (String item : inner.split("\\s+", -1)) {
                if (item.length() < 2 || item.charAt(0) != '"' || item.charAt(item.length() - 1) != '"') {
                    throw new SignatureException("unsupported component " + item + " in Signature-Input");
                }
                components.add(item.substring(1, item.length() - 1).toLowerCase(Locale.ROOT));
            }
        }
        Map<String, Object> params = new LinkedHashMap<>();
        int i = close + 1;
        while (i < h.length() && h.charAt(i) == ';') {
            int keyEnd = h.indexOf('=', i);
            if (keyEnd < 0) {
                throw new SignatureException("the Signature-Input parameters are malformed");
            }
            String key = h.substring(i + 1, keyEnd).trim();
            int start = keyEnd + 1;
            if (start < h.length() && h.charAt(start) == '"') {
                int end = h.indexOf('"', start + 1);
                if (end < 0) {
                    throw new SignatureException("the Signature-Input has an unclosed string");
                }
                params.put(key, h.substring(start + 1, end));
                i = end + 1;
            } else {
                int end = start;
                while (end < h.length() && (Character.isDigit(h.charAt(end)) || h.charAt(end) == '-')) {
                    end++;
                }
                try {
                    params.put(key, Long.parseLong(h.substring(start, end)));
                } catch (NumberFormatException e) {
                    throw new SignatureException("the Signature-Input parameter " + key + " is malformed");
                }
                i = end;
            }
        }
        return new Input(label, components, params);
    }

    private static byte[] signatureFor(@Nullable String header, String label) throws SignatureException {
        if (header == null) {
            throw new SignatureException("the Signature header is missing");
        }
        for (String member : header.split(",", -1)) {
            String m = member.trim();
            if (m.startsWith(label + "=:") && m.endsWith(":") && m.length() > label.length() + 3) {
                try {
                    return Base64.getDecoder().decode(m.substring(label.length() + 2, m.length() - 1));
                } catch (IllegalArgumentException e) {
                    throw new SignatureException("the signature is not base64");
                }
            }
        }
        throw new SignatureException("no signature labelled " + label);
    }
}
