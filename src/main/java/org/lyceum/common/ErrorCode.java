package org.lyceum.common;

/**
 * Every error a client can see carries one of these codes as GraphQL {@code extensions.code}.
 * The frontend switches on them, so existing names never change.
 */
public enum ErrorCode {
    /** The operation needs a signed-in user and the request carried no (valid) token. */
    UNAUTHENTICATED,
    /** The caller is known but may not do this. */
    FORBIDDEN,
    /** The object does not exist, or the caller may not know that it does. */
    NOT_FOUND,
    /** An input field failed validation; the message names the field. */
    INVALID_INPUT,
    /** The change clashes with existing state, such as a taken username. */
    CONFLICT,
    /** The instance's registration policy does not admit this identity. */
    REGISTRATION_CLOSED,
    /** Too many requests; try again later. */
    RATE_LIMITED,
    /** The GraphQL document could not be parsed or does not match the schema. */
    BAD_QUERY,
    /** The query is deeper or more complex than the instance allows. */
    QUERY_TOO_COMPLEX,
    /** Another server that the operation needed could not be reached or gave an unusable answer. */
    REMOTE_UNREACHABLE,
    /**
     * No preview could be made of a link (fetchWebMetadata): whatever the cause (a refused address,
     * DNS, a timeout, an error status, not HTML), one code and one message, so the query cannot be
     * used to learn what this server can reach.
     */
    PREVIEW_UNAVAILABLE,
    /**
     * The request ran past its time limit (the GraphQL deadline or the statement timeout) and was
     * stopped; trying again later, or asking for less, may succeed.
     */
    TIMEOUT,
    /** A file is larger than its limit allows, in bytes or, for an image, in pixels. */
    TOO_LARGE,
    /** A file's type (read from its content, never from its name) is not one this use takes. */
    UNSUPPORTED_MEDIA,
    /** The upload would take the person past their storage quota (lyceum.media.quota). */
    QUOTA_EXCEEDED,
    /**
     * The caller's account is suspended by the instance's staff: every operation but {@code me}
     * (which shows the suspension and its end) is refused until it is lifted or ends.
     */
    SUSPENDED,
    /**
     * The token's subject belonged to an account that was deleted (deleteAccount): it is not
     * signed in again, nor given a new account under the old name.
     */
    ACCOUNT_DELETED,
    /** Something failed on our side; details are in the server log, never in the response. */
    INTERNAL
}
