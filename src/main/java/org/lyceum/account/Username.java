package org.lyceum.account;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.lyceum.common.DomainException;

/**
 * Rules for local usernames, which become WebFinger handles ({@code acct:name@host}):
 * 3 to 30 characters, lower-case letters, digits and underscores, with dots or hyphens allowed
 * between them (as Mastodon allows), and none of the names the instance keeps for itself. A
 * local community's name is taken too ({@link LocalNames}).
 */
final class Username {

    static final int MIN = 3;
    static final int MAX = 30;
    private static final Pattern SHAPE = Pattern.compile("[a-z0-9_]+([.-][a-z0-9_]+)*");
    private static final Set<String> RESERVED = Set.of(
            "admin",
            "administrator",
            "instance",
            "lyceum",
            "root",
            "system",
            "moderator",
            "mod",
            "support",
            "help",
            "staff",
            "security",
            "abuse",
            "postmaster",
            "webmaster",
            "hostmaster",
            "noreply",
            "no-reply",
            "api",
            "graphql",
            "inbox",
            "outbox",
            "nodeinfo",
            "well-known",
            "anonymous",
            "everyone",
            "null",
            "undefined");

    private Username() {}

    /** The normalised username for a token's {@code preferred_username}, or INVALID_INPUT saying why not. */
    static String fromClaim(@Nullable String claim) {
        if (claim == null || claim.isBlank()) {
            throw DomainException.invalid("preferred_username", "the token carries no preferred_username");
        }
        String name = trimmedLowerCase(claim);
        String problem = problem(name);
        if (problem != null) {
            throw DomainException.invalid("preferred_username", "'" + claim + "' " + problem);
        }
        return name;
    }

    /** The claim as a username would store it (trimmed, lower-case), or null for no claim. */
    static @Nullable String normalise(@Nullable String claim) {
        return claim == null ? null : trimmedLowerCase(claim);
    }

    private static String trimmedLowerCase(String claim) {
        return claim.trim().toLowerCase(Locale.ROOT);
    }

    /** Whether the instance keeps the lower-case {@code name} for itself (community names too). */
    static boolean reserved(String name) {
        return RESERVED.contains(name);
    }

    /** Why {@code name} is not a valid username, or null when it is. */
    static @Nullable String problem(String name) {
        if (name.length() < MIN || name.length() > MAX) {
            return "must be " + MIN + " to " + MAX + " characters long";
        }
        if (!SHAPE.matcher(name).matches()) {
            return "may hold only letters, digits and underscores, with single dots or hyphens between them";
        }
        if (reserved(name)) {
            return "is reserved by the instance";
        }
        return null;
    }
}
