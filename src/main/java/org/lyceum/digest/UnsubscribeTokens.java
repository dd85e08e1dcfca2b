package org.lyceum.digest;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.lyceum.database.InstanceSecrets;

/**
 * Signed unsubscribe tokens: the person and an expiry, with an HMAC-SHA256 under a key all
 * instances share through the database (instance_secret), so any instance accepts any link.
 */
@ApplicationScoped
public class UnsubscribeTokens {

    private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();
    private static final int MAC_BYTES = 16;

    private final InstanceSecrets secrets;
    private final DigestConfig config;

    UnsubscribeTokens(InstanceSecrets secrets, DigestConfig config) {
        this.secrets = secrets;
        this.config = config;
    }

    public Uni<String> issue(UUID person) {
        return key().map(k -> {
            ByteBuffer body = ByteBuffer.allocate(24);
            body.putLong(person.getMostSignificantBits()).putLong(person.getLeastSignificantBits());
            body.putLong(Instant.now().plus(config.unsubscribeValidity()).getEpochSecond());
            return ENCODE.encodeToString(body.array()) + "." + ENCODE.encodeToString(mac(k, body.array()));
        });
    }

    /** The person the token names; fails with a reason a person can read when it is bad or expired. */
    public Uni<UUID> verify(@Nullable String token) {
        return key().map(k -> {
            String[] parts = token == null ? new String[0] : token.split("\\.", -1);
            byte[] body;
            byte[] mac;
            try {
                if (parts.length != 2) {
                    throw new BadToken("This unsubscribe link is not valid.");
                }
                body = DECODE.decode(parts[0]);
                mac = DECODE.decode(parts[1]);
            } catch (IllegalArgumentException e) {
                throw new BadToken("This unsubscribe link is not valid.");
            }
            if (body.length != 24 || !MessageDigest.isEqual(mac, mac(k, body))) {
                throw new BadToken("This unsubscribe link is not valid.");
            }
            ByteBuffer in = ByteBuffer.wrap(body);
            UUID person = new UUID(in.getLong(), in.getLong());
            if (Instant.ofEpochSecond(in.getLong()).isBefore(Instant.now())) {
                throw new BadToken(
                        "This unsubscribe link has expired. Change your notification settings after signing in.");
            }
            return person;
        });
    }

    private static byte[] mac(byte[] key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Arrays.copyOf(mac.doFinal(body), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private Uni<byte[]> key() {
        return secrets.key("unsubscribe");
    }

    /** A token that is malformed, forged or expired. */
    public static class BadToken extends RuntimeException {
        BadToken(String message) {
            super(message);
        }
    }
}
