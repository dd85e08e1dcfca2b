package org.lyceum.moderation;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lyceum.notification.Notice.ObjectType;

/**
 * One action to log, before it is written. {@code communityId} null means the instance log;
 * {@code apId} is the activity that carried a remote moderator's action (a replay logs nothing).
 */
public record ModlogEntry(
        ModAction action,
        @Nullable UUID moderatorId,
        @Nullable ObjectType targetType,
        @Nullable UUID targetId,
        @Nullable String targetTitle,
        @Nullable UUID targetPersonId,
        @Nullable UUID communityId,
        @Nullable String domain,
        @Nullable String reason,
        @Nullable Instant expiresAt,
        @Nullable String apId) {

    /** An action on a person (ban, unban, suspend, unsuspend, role change), in a community or on the instance. */
    public static ModlogEntry onPerson(
            ModAction action,
            @Nullable UUID moderatorId,
            UUID personId,
            @Nullable UUID communityId,
            @Nullable String reason,
            @Nullable Instant expiresAt) {
        return new ModlogEntry(
                action,
                moderatorId,
                ObjectType.PERSON,
                personId,
                null,
                personId,
                communityId,
                null,
                reason,
                expiresAt,
                null);
    }

    /** An action on content (remove, restore, purge, lock, feature) of {@code authorId} in a community. */
    public static ModlogEntry onContent(
            ModAction action,
            @Nullable UUID moderatorId,
            UUID contentId,
            @Nullable String title,
            @Nullable UUID authorId,
            @Nullable UUID communityId,
            @Nullable String reason) {
        return new ModlogEntry(
                action,
                moderatorId,
                ObjectType.CONTENT,
                contentId,
                title,
                authorId,
                communityId,
                null,
                reason,
                null,
                null);
    }

    /** The same entry, received in the activity {@code apId} (logged once however often it comes). */
    public ModlogEntry received(String activityId) {
        return new ModlogEntry(
                action,
                moderatorId,
                targetType,
                targetId,
                targetTitle,
                targetPersonId,
                communityId,
                domain,
                reason,
                expiresAt,
                activityId);
    }
}
