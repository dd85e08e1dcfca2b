package org.lyceum.account;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Instance-wide roles, granted as realm roles of the same name (lower-case) in the identity provider. */
public enum Role {
    ADMIN,
    MODERATOR;

    /** The realm role that grants this role. */
    public String claim() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The Lyceum roles among a token's roles; other realm roles are not ours to interpret. */
    static String[] fromTokenRoles(Set<String> tokenRoles) {
        return Arrays.stream(values())
                .map(Role::claim)
                .filter(tokenRoles::contains)
                .toArray(String[]::new);
    }

    static List<Role> fromClaims(String[] claims) {
        return Arrays.stream(claims)
                .map(c -> valueOf(c.toUpperCase(Locale.ROOT)))
                .toList();
    }
}
