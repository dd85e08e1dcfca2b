package org.lyceum.federation.protocol;

import java.math.BigInteger;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * Ed25519 public keys in the Multikey form of the Controlled Identifiers spec
 * ({@code publicKeyMultibase}: "z" + base58btc of the multicodec prefix 0xed01 and the 32-byte
 * key), turned into the X.509 PEM that Java reads. Wire format only.
 */
public final class Multikey {

    private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    /** The DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410), before the 32 key bytes. */
    private static final byte[] SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private Multikey() {}

    /** The key as PEM, or null when it is not an Ed25519 Multikey. */
    public static @Nullable String ed25519Pem(@Nullable String multibase) {
        if (multibase == null || multibase.length() < 2 || multibase.length() > 100 || multibase.charAt(0) != 'z') {
            return null;
        }
        byte[] raw = base58(multibase.substring(1));
        if (raw == null || raw.length != 34 || (raw[0] & 0xff) != 0xed || raw[1] != 0x01) {
            return null;
        }
        byte[] der = new byte[SPKI_PREFIX.length + 32];
        System.arraycopy(SPKI_PREFIX, 0, der, 0, SPKI_PREFIX.length);
        System.arraycopy(raw, 2, der, SPKI_PREFIX.length, 32);
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getEncoder().encodeToString(der)
                + "\n-----END PUBLIC KEY-----\n";
    }

    /** The multibase form of a 32-byte Ed25519 key, for tests and for publishing keys. */
    public static String ed25519Multibase(byte[] key) {
        byte[] raw = new byte[34];
        raw[0] = (byte) 0xed;
        raw[1] = 0x01;
        System.arraycopy(key, 0, raw, 2, 32);
        StringBuilder out = new StringBuilder();
        BigInteger n = new BigInteger(1, raw);
        BigInteger base = BigInteger.valueOf(58);
        while (n.signum() > 0) {
            BigInteger[] qr = n.divideAndRemainder(base);
            out.append(ALPHABET.charAt(qr[1].intValue()));
            n = qr[0];
        }
        for (int i = 0; i < raw.length && raw[i] == 0; i++) {
            out.append('1');
        }
        return "z" + out.reverse();
    }

    private static byte @Nullable [] base58(String s) {
        BigInteger n = BigInteger.ZERO;
        BigInteger base = BigInteger.valueOf(58);
        int zeros = 0;
        while (zeros < s.length() && s.charAt(zeros) == '1') {
            zeros++;
        }
        for (int i = 0; i < s.length(); i++) {
            int digit = ALPHABET.indexOf(s.charAt(i));
            if (digit < 0) {
                return null;
            }
            n = n.multiply(base).add(BigInteger.valueOf(digit));
        }
        byte[] bytes = n.toByteArray();
        int skip = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
        byte[] out = new byte[zeros + bytes.length - skip];
        System.arraycopy(bytes, skip, out, zeros, bytes.length - skip);
        return out;
    }
}
