package org.lyceum.account;

/** Who may get an account on this instance. Existing accounts keep working under every policy. */
public enum RegistrationPolicy {
    /** Anyone the identity provider vouches for. */
    OPEN,
    /** Only verified emails that an admin invited or whose domain is allowed. */
    INVITE,
    /** Nobody new. */
    CLOSED
}
