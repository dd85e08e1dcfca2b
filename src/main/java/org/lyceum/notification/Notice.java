package org.lyceum.notification;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One notification before it has recipients. {@code cause} names what caused it (an activity's
 * id, a row's id): a recipient gets one notification of a kind per cause, so replays write nothing.
 */
public record Notice(
        NotificationKind kind,
        @Nullable UUID actorId,
        @Nullable ObjectType objectType,
        @Nullable UUID objectId,
        @Nullable UUID communityId,
        @Nullable String reason,
        String cause) {

    /** What {@code objectId} names. */
    public enum ObjectType {
        CONTENT,
        COMMUNITY,
        PERSON
    }

    public static Notice aboutContent(
            NotificationKind kind, @Nullable UUID actorId, UUID contentId, UUID communityId, @Nullable String reason) {
        return new Notice(kind, actorId, ObjectType.CONTENT, contentId, communityId, reason, contentId.toString());
    }

    public static Notice aboutCommunity(
            NotificationKind kind, @Nullable UUID actorId, UUID communityId, @Nullable String reason, String cause) {
        return new Notice(kind, actorId, ObjectType.COMMUNITY, communityId, communityId, reason, cause);
    }

    /**
     * NEW_FOLLOWER: actor and object are the follower; once per follower and person followed, so
     * following and unfollowing in a loop (here or from another server) notifies once.
     */
    public static Notice newFollower(UUID followerId, @Nullable UUID followedId) {
        return new Notice(
                NotificationKind.NEW_FOLLOWER,
                followerId,
                ObjectType.PERSON,
                followerId,
                null,
                null,
                "follow:" + followerId + ":" + followedId);
    }

    /** The same notice for another cause (a second report of the same object is a new notification). */
    public Notice causedBy(String otherCause) {
        return new Notice(kind, actorId, objectType, objectId, communityId, reason, otherCause);
    }
}
