package org.lyceum.common;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Input validation shared by the mutations: each failure is INVALID_INPUT naming the field. */
public final class Check {

    public static final int TITLE_MAX = 200;
    public static final int SUMMARY_MAX = 5_000;
    public static final int BODY_MAX = 20_000;
    public static final int URL_MAX = 2_048;
    /** A moderator's reason for a report, a ban or a removal. */
    public static final int REASON_MAX = 1_000;

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\n\\t\\r]]");

    private Check() {}

    /** A required single-line text, stripped. */
    public static String required(String field, @Nullable String value, int max) {
        String v = optional(field, value, max);
        if (v == null) {
            throw DomainException.invalid(field, "must not be empty");
        }
        if (v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            throw DomainException.invalid(field, "must be one line");
        }
        return v;
    }

    /** An optional text, stripped; empty becomes null. */
    public static @Nullable String optional(String field, @Nullable String value, int max) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        if (v.isEmpty()) {
            return null;
        }
        if (v.length() > max) {
            throw DomainException.invalid(field, "must be at most " + max + " characters");
        }
        if (CONTROL.matcher(v).find()) {
            throw DomainException.invalid(field, "must not contain control characters");
        }
        return v;
    }

    /** An absolute http(s) URL with a host, or null when empty. */
    public static @Nullable String url(String field, @Nullable String value) {
        String v = optional(field, value, URL_MAX);
        if (v == null) {
            return null;
        }
        try {
            URI uri = new URI(v);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https"))
                    || uri.getHost() == null
                    || uri.getUserInfo() != null) {
                throw DomainException.invalid(field, "must be an http or https URL with a host");
            }
            return uri.toString();
        } catch (URISyntaxException e) {
            throw DomainException.invalid(field, "is not a valid URL");
        }
    }

    public static String requiredUrl(String field, @Nullable String value) {
        String v = url(field, value);
        if (v == null) {
            throw DomainException.invalid(field, "must not be empty");
        }
        return v;
    }
}
