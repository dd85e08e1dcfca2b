package org.lyceum.common;

import org.jspecify.annotations.Nullable;

/**
 * The one exception type that carries a client-facing failure. Its message is shown to the
 * client as is, so it must never include internals; its code becomes {@code extensions.code}.
 */
public class DomainException extends RuntimeException {

    private final ErrorCode code;
    private final @Nullable String field;
    private final long retryAfter;

    public DomainException(ErrorCode code, String message) {
        this(code, null, message, 0);
    }

    private DomainException(ErrorCode code, @Nullable String field, String message, long retryAfter) {
        super(message, null, false, false);
        this.code = code;
        this.field = field;
        this.retryAfter = retryAfter;
    }

    /** A validation failure of one input field; the field's name reaches the client too. */
    public static DomainException invalid(String field, String message) {
        return new DomainException(ErrorCode.INVALID_INPUT, field, field + ": " + message, 0);
    }

    /** The change clashes with existing state of one input field, such as a taken name. */
    public static DomainException conflict(String field, String message) {
        return new DomainException(ErrorCode.CONFLICT, field, field + ": " + message, 0);
    }

    /** Over a rate limit: the client may try again after this many whole seconds ({@code extensions.retryAfter}). */
    public static DomainException rateLimited(String message, long retryAfterSeconds) {
        return new DomainException(ErrorCode.RATE_LIMITED, null, message, Math.max(1, retryAfterSeconds));
    }

    public static DomainException notFound(String what) {
        return new DomainException(ErrorCode.NOT_FOUND, what + " not found");
    }

    public static DomainException forbidden(String message) {
        return new DomainException(ErrorCode.FORBIDDEN, message);
    }

    public static DomainException unauthenticated() {
        return new DomainException(ErrorCode.UNAUTHENTICATED, "sign in to do this");
    }

    public ErrorCode code() {
        return code;
    }

    /** Seconds until a rate-limited request may succeed; 0 for every other refusal. */
    public long retryAfter() {
        return retryAfter;
    }

    /** What the client gets in {@code extensions} besides the code: the field, the seconds to wait. */
    public java.util.Map<String, Object> extensions() {
        java.util.Map<String, Object> more = new java.util.LinkedHashMap<>();
        if (field != null) {
            more.put("field", field);
        }
        if (retryAfter > 0) {
            more.put("retryAfter", retryAfter);
        }
        return more;
    }

    /** The input field that failed validation, or null. */
    public @Nullable String field() {
        return field;
    }
}
