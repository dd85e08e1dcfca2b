package org.lyceum.notification;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;

@Name("NotificationKind")
@Description("Why a notification was sent.")
public enum NotificationKind {
    @Description("A reply to my thread or comment; object is the reply.")
    REPLY,
    @Description("I was mentioned; object is what mentions me.")
    MENTION,
    @Description("Someone asked to join a community I moderate; actor is who asked, object the community.")
    JOIN_REQUEST,
    @Description("My join request was decided; object is the community, reason is approved or rejected.")
    JOIN_DECIDED,
    @Description("Someone follows me; actor and object are the follower.")
    NEW_FOLLOWER,
    @Description(
            "Something was reported in a community I moderate, or on the instance I help run; reason is the report's.")
    REPORT,
    @Description("My role in a community changed; object is the community, reason the new role.")
    ROLE_CHANGED,
    @Description("I was banned from a community; object is the community, reason the ban's.")
    BANNED,
    @Description("A moderator removed something I wrote; reason is theirs.")
    CONTENT_REMOVED
}
