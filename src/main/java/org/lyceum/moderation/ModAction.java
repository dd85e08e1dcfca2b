package org.lyceum.moderation;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

/** What a moderation log entry records; names are a contract with the frontend (and the V25 check). */
@Enum("ModAction")
@Description("A moderator's or admin's action, as the moderation log records it.")
public enum ModAction {
    BAN,
    UNBAN,
    REMOVE,
    RESTORE,
    PURGE,
    SUSPEND,
    UNSUSPEND,
    ROLE_CHANGE,
    LOCK,
    UNLOCK,
    FEATURE,
    UNFEATURE,
    REPORT_RESOLVED,
    DOMAIN_BLOCK,
    DOMAIN_UNBLOCK
}
