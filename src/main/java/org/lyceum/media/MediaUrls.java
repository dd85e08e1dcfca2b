package org.lyceum.media;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.lyceum.database.InstanceSecrets;
import org.lyceum.instance.InstanceConfig;

/**
 * Where files are served: {@code /media/{id}/{name}}, under lyceum.media.public-base-url for public
 * files, and signed ({@code ?exp=...&sig=...}, HMAC-SHA256 under a key all instances share) for files
 * only some may see. A signed URL works as a plain link, with no header, until it expires.
 */
@ApplicationScoped
public class MediaUrls {

    private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();
    private static final int MAC_BYTES = 16;

    private final String publicBase;
    private final String ownBase;
    private final Duration ttl;
    private final InstanceSecrets secrets;
    private volatile byte @Nullable [] key;

    MediaUrls(MediaConfig config, InstanceConfig instance, InstanceSecrets secrets) {
        this.ownBase = trim(instance.baseUrl());
        this.publicBase = trim(config.publicBaseUrl().orElse(ownBase));
        this.ttl = config.signedUrlTtl();
        this.secrets = secrets;
    }

    /** The signing key is read (or made) once at start, so URLs can be made without a database round trip. */
    void onStart(@Observes StartupEvent start) {
        key = secrets.key("media-url").await().atMost(Duration.ofSeconds(30));
    }

    /** The public URL of a file, or of one of its image variants ({@code null}: the largest). */
    public String publicUrl(Media media, @Nullable String variant) {
        return publicBase + path(media, variant);
    }

    /** The public URL of a file as served (its largest variant). */
    public String publicUrl(UUID id, String name) {
        return publicBase + path(id, name);
    }

    /** A signed URL of a file as served (its largest variant). */
    public String signedUrl(UUID id, String name) {
        return signed(id, path(id, name));
    }

    /**
     * A URL that works until a little after {@code signed-url-ttl} from now: the expiry is rounded up
     * to a quarter of the ttl, so a page read several times in a row gets the same URL, which a browser caches.
     */
    public String signedUrl(Media media, @Nullable String variant) {
        return signed(media.id(), path(media, variant));
    }

    /** A signed URL of a file as served that works until {@code until} (a data export's expiry). */
    public String signedUntil(UUID id, String name, Instant until) {
        String path = path(id, name);
        long exp = until.getEpochSecond();
        return ownBase + path + "?exp=" + exp + "&sig=" + sign(id, exp);
    }

    private String signed(UUID id, String path) {
        long step = Math.max(1, ttl.toSeconds() / 4);
        long exp = ((Instant.now().getEpochSecond() + ttl.toSeconds()) / step + 1) * step;
        return ownBase + path + (path.contains("?") ? "&" : "?") + "exp=" + exp + "&sig=" + sign(id, exp);
    }

    /** Whether {@code exp} and {@code sig} are this file's and not expired. */
    public boolean verify(UUID id, @Nullable String exp, @Nullable String sig) {
        if (exp == null || sig == null) {
            return false;
        }
        long expires;
        byte[] given;
        try {
            expires = Long.parseLong(exp);
            given = DECODE.decode(sig);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return expires > Instant.now().getEpochSecond() && MessageDigest.isEqual(given, mac(id, expires));
    }

    private static String path(Media media, @Nullable String variant) {
        String base = path(media.id(), media.name());
        boolean largest = variant == null || variant.equals(media.variants().get(0));
        return largest ? base : base + "?size=" + variant;
    }

    private static String path(UUID id, String name) {
        return "/media/" + id + "/"
                + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The signature of a file until {@code exp}; package-private so that tests can sign a past expiry. */
    String sign(UUID id, long exp) {
        return ENCODE.encodeToString(mac(id, exp));
    }

    private byte[] mac(UUID id, long exp) {
        byte[] k = key;
        if (k == null) {
            throw new IllegalStateException("the media URL key is read at start");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(k, "HmacSHA256"));
            return Arrays.copyOf(mac.doFinal((id + "\n" + exp).getBytes(StandardCharsets.US_ASCII)), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
