package org.lyceum.federation.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Both signature schemes: round trips, every refusal, and RFC 9421's own Ed25519 example. */
class SignaturesTest {

    private static final KeyPair KEYS = rsa();
    private static final KeyPair OTHER = rsa();
    private static final URI INBOX = URI.create("https://lyceum.example/inbox?x=1");
    private static final byte[] BODY = "{\"type\":\"Follow\"}".getBytes(StandardCharsets.UTF_8);
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
    private static final Duration SKEW = Duration.ofHours(1);

    @Test
    void cavageRoundTrip() throws Exception {
        SignedRequest request = new SignedRequest(
                "POST",
                INBOX,
                CavageSignatures.sign("POST", INBOX, BODY, "https://a.example/u#main-key", KEYS.getPrivate(), NOW),
                BODY);
        assertTrue(request.header("signature").contains("headers=\"(request-target) host date digest\""));
        CavageSignatures.Parsed parsed = CavageSignatures.parse(request, NOW, SKEW);
        assertEquals("https://a.example/u#main-key", parsed.keyId());
        CavageSignatures.verify(request, parsed, KEYS.getPublic());
    }

    @Test
    void cavageRefusals() throws Exception {
        Map<String, String> headers = CavageSignatures.sign("POST", INBOX, BODY, "k", KEYS.getPrivate(), NOW);
        // Another body under the same headers: the digest no longer matches.
        refusedCavage(
                new SignedRequest("POST", INBOX, headers, "{}".getBytes(StandardCharsets.UTF_8)),
                "does not match the body");
        // Another target: the signature no longer matches.
        SignedRequest moved = new SignedRequest("POST", URI.create("https://lyceum.example/other"), headers, BODY);
        assertThrows(
                SignatureException.class,
                () -> CavageSignatures.verify(moved, CavageSignatures.parse(moved, NOW, SKEW), KEYS.getPublic()));
        // Another key.
        SignedRequest good = new SignedRequest("POST", INBOX, headers, BODY);
        assertThrows(
                SignatureException.class,
                () -> CavageSignatures.verify(good, CavageSignatures.parse(good, NOW, SKEW), OTHER.getPublic()));
        // Stale: signed two hours ago.
        Map<String, String> old = CavageSignatures.sign(
                "POST", INBOX, BODY, "k", KEYS.getPrivate(), Clock.offset(NOW, Duration.ofHours(-2)));
        refusedCavage(new SignedRequest("POST", INBOX, old, BODY), "minutes off our clock");
        // Unsigned, and signed without covering the digest.
        refusedCavage(new SignedRequest("POST", INBOX, Map.of(), BODY), "not signed");
        Map<String, String> noDigest = new HashMap<>(headers);
        noDigest.put("Signature", headers.get("Signature").replace(" digest\"", "\""));
        refusedCavage(new SignedRequest("POST", INBOX, noDigest, BODY), "does not cover the body");
        noDigest.put("Signature", "keyId=\"k\",signature=\"unterminated");
        refusedCavage(new SignedRequest("POST", INBOX, noDigest, BODY), "");
    }

    @Test
    void rfc9421RoundTripAndRefusals() throws Exception {
        Map<String, String> headers =
                Rfc9421Signatures.sign("POST", INBOX, BODY, "https://a.example/u#main-key", KEYS.getPrivate(), NOW);
        SignedRequest request = new SignedRequest("POST", INBOX, headers, BODY);
        assertTrue(Rfc9421Signatures.present(request));
        Rfc9421Signatures.Parsed parsed = Rfc9421Signatures.parse(request, NOW, SKEW);
        assertEquals("https://a.example/u#main-key", parsed.input().keyId());
        Rfc9421Signatures.verify(request, parsed, KEYS.getPublic());

        assertThrows(SignatureException.class, () -> Rfc9421Signatures.verify(request, parsed, OTHER.getPublic()));
        SignedRequest otherBody = new SignedRequest("POST", INBOX, headers, "{}".getBytes(StandardCharsets.UTF_8));
        assertThrows(SignatureException.class, () -> Rfc9421Signatures.parse(otherBody, NOW, SKEW));
        SignedRequest moved = new SignedRequest("POST", URI.create("https://lyceum.example/inbox?x=2"), headers, BODY);
        assertThrows(
                SignatureException.class,
                () -> Rfc9421Signatures.verify(moved, Rfc9421Signatures.parse(moved, NOW, SKEW), KEYS.getPublic()));
        assertThrows(
                SignatureException.class,
                () -> Rfc9421Signatures.parse(request, Clock.offset(NOW, Duration.ofHours(2)), SKEW));
        Map<String, String> narrow = new HashMap<>(headers);
        narrow.put("Signature-Input", headers.get("Signature-Input").replace(" \"content-digest\"", ""));
        assertThrows(
                SignatureException.class,
                () -> Rfc9421Signatures.parse(new SignedRequest("POST", INBOX, narrow, BODY), NOW, SKEW));
    }

    /**
     * RFC 9421, appendix B.2.6: the test request signed with test-key-ed25519 (appendix B.1.4).
     * Checks our signature base byte for byte against the RFC's published signature.
     */
    @Test
    void rfc9421Ed25519ExampleFromTheRfc() throws Exception {
        PublicKey key = KeyFactory.getInstance("Ed25519")
                .generatePublic(new X509EncodedKeySpec(
                        Base64.getDecoder().decode("MCowBQYDK2VwAyEAJrQLj5P/89iXES9+vFgrIy29clF9CC/oPPsw3c5D0bs=")));
        SignedRequest request = new SignedRequest(
                "POST",
                URI.create("https://example.com/foo?param=Value&Pet=dog"),
                Map.of(
                        "Host", "example.com",
                        "Date", "Tue, 20 Apr 2021 02:07:55 GMT",
                        "Content-Type", "application/json",
                        "Content-Length", "18",
                        "Signature-Input",
                                "sig-b26=(\"date\" \"@method\" \"@path\" \"@authority\" \"content-type\" \"content-length\")"
                                        + ";created=1618884473;keyid=\"test-key-ed25519\"",
                        "Signature",
                                "sig-b26=:wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==:"),
                "{\"hello\": \"world\"}".getBytes(StandardCharsets.UTF_8));
        Rfc9421Signatures.Input input = Rfc9421Signatures.parseInput(request.header("signature-input"));
        byte[] signature = Base64.getDecoder()
                .decode("wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==");
        // The example covers no Content-Digest, which our inbox policy requires, so only the cryptography is checked
        // here.
        Rfc9421Signatures.verify(request, new Rfc9421Signatures.Parsed(input, signature), key);
        signature[0] ^= 1;
        assertThrows(
                SignatureException.class,
                () -> Rfc9421Signatures.verify(request, new Rfc9421Signatures.Parsed(input, signature), key));
    }

    private static void refusedCavage(SignedRequest request, String reason) {
        SignatureException e = assertThrows(SignatureException.class, () -> {
            CavageSignatures.Parsed parsed = CavageSignatures.parse(request, NOW, SKEW);
            CavageSignatures.verify(request, parsed, KEYS.getPublic());
        });
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
