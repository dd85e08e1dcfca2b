package org.lyceum.account;

import io.quarkus.security.identity.SecurityIdentity;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jspecify.annotations.Nullable;

/** What Lyceum reads from a verified OIDC access token. */
record TokenClaims(
        String subject,
        @Nullable String preferredUsername,
        @Nullable String email,
        boolean emailVerified,
        @Nullable String name,
        Set<String> roles) {

    static TokenClaims of(SecurityIdentity identity) {
        if (!(identity.getPrincipal() instanceof JsonWebToken jwt) || jwt.getSubject() == null) {
            throw new IllegalStateException("an authenticated identity without a token subject");
        }
        return new TokenClaims(
                jwt.getSubject(),
                text(jwt, "preferred_username"),
                text(jwt, "email"),
                "true".equals(text(jwt, "email_verified")),
                text(jwt, "name"),
                identity.getRoles());
    }

    /** Claims arrive as strings, JSON values or booleans depending on the token library. */
    private static @Nullable String text(JsonWebToken jwt, String claim) {
        Object value = jwt.getClaim(claim);
        if (value == null) {
            return null;
        }
        String text = value.toString();
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            text = text.substring(1, text.length() - 1);
        }
        return text.isBlank() ? null : text;
    }
}
