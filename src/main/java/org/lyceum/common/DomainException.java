package org.lyceum.common;

import org.jspecify.annotations.Nullable;

/**
 * The one exception type that carries a client-facing failure. Its message is shown to the
 * client as is, so it must never include internals; its code becomes {@code extensions.code}.
 */
public class DomainException extends RuntimeException {

    private final ErrorCode code;
    private final @Nullable String field;

    public DomainException(ErrorCode code, String message) {
        this(code, null, message);
    }

    private DomainException(ErrorCode code, @Nullable String field, String message) {
        super(message, null, false, false);
        this.code = code;
        this.field = field;
    }

    /** A validation failure of one input field; the field's name reaches the client too. */
    public static DomainException invalid(String field, String message) {
        return new DomainException(ErrorCode.INVALID_INPUT, field, field + ": " + message);
    }

    /** The change clashes with existing state of one input field, such as a taken name. */
    public static DomainException conflict(String field, String message) {
        return new DomainException(ErrorCode.CONFLICT, field, field + ": " + message);
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

    /** The input field that failed validation, or null. */
    public @Nullable String field() {
        return field;
    }
}
