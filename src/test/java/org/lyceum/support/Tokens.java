package org.lyceum.support;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Real RS256 tokens, signed with the key whose public half the test issuer (quarkus-test-oidc-server)
 * publishes, so quarkus-oidc verifies them exactly as it verifies Keycloak's.
 */
public final class Tokens {

    public static final String ISSUER = "https://server.example.com";

    /** What quarkus.oidc.token.audience expects (Keycloak's audience mapper adds it to real tokens). */
    public static final String AUDIENCE = "lyceum";

    private Tokens() {}

    /** A fresh user in an allowed domain with a verified email and no roles. */
    public static Builder user(String username) {
        return new Builder(username);
    }

    public static final class Builder {
        private String subject = UUID.randomUUID().toString();
        private String username;
        private String email;
        private boolean emailVerified = true;
        private String name;
        private List<String> roles = List.of("user");
        private Instant expiresAt = Instant.now().plusSeconds(300);
        private String issuer = ISSUER;
        private List<String> audience = List.of(AUDIENCE);

        private Builder(String username) {
            this.username = username;
            this.email = username + "@school.example";
            this.name = username.substring(0, 1).toUpperCase(Locale.ROOT) + username.substring(1) + " Teacher";
        }

        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        public Builder username(String username) {
            this.username = username;
            return this;
        }

        public Builder email(String email) {
            this.email = email;
            return this;
        }

        public Builder unverified() {
            this.emailVerified = false;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder roles(String... roles) {
            this.roles = List.of(roles);
            return this;
        }

        public Builder expiresAt(Instant expiresAt) {
            this.expiresAt = expiresAt;
            return this;
        }

        public Builder issuer(String issuer) {
            this.issuer = issuer;
            return this;
        }

        /** The aud claim; none at all when empty. */
        public Builder audience(String... audience) {
            this.audience = List.of(audience);
            return this;
        }

        public String subject() {
            return subject;
        }

        public String sign() {
            JwtClaimsBuilder claims = Jwt.claims()
                    .issuer(issuer)
                    .subject(subject)
                    .issuedAt(expiresAt.minusSeconds(600))
                    .expiresAt(expiresAt)
                    .claim("realm_access", Map.of("roles", roles));
            if (!audience.isEmpty()) {
                claims.audience(Set.copyOf(audience));
            }
            if (username != null) {
                claims.claim("preferred_username", username);
            }
            if (email != null) {
                claims.claim("email", email).claim("email_verified", emailVerified);
            }
            if (name != null) {
                claims.claim("name", name);
            }
            return claims.jws().keyId("1").sign("privateKey.jwk");
        }
    }
}
