import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Signs RS256 access tokens for the seeded users (bench-user-1..N) with a fresh key pair, using
 * only the JDK. Writes public-key.txt (base64 X.509, for quarkus.oidc.public-key) and tokens.txt
 * (one "subject token" per line) into the given directory.
 * Usage: java bench/BenchTokens.java <dir> <users>
 */
public class BenchTokens {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int users = Integer.parseInt(args[1]);
        Files.createDirectories(dir);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        Files.writeString(
                dir.resolve("public-key.txt"),
                Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()));
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        long now = Instant.now().getEpochSecond();
        List<String> lines = new ArrayList<>();
        for (int n = 1; n <= users; n++) {
            String claims = "{\"iss\":\"bench\",\"aud\":\"lyceum\",\"sub\":\"bench-user-" + n
                    + "\",\"preferred_username\":\"user_" + n
                    + "\",\"email\":\"user_" + n + "@bench.example\",\"email_verified\":true,\"name\":\"User " + n
                    + "\",\"iat\":" + now + ",\"exp\":" + (now + 86_400) + ",\"realm_access\":{\"roles\":[\"user\"]}}";
            String body = header + "." + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(keys.getPrivate());
            rs256.update(body.getBytes(StandardCharsets.US_ASCII));
            lines.add("bench-user-" + n + " " + body + "." + b64.encodeToString(rs256.sign()));
        }
        Files.write(dir.resolve("tokens.txt"), lines);
    }
}
