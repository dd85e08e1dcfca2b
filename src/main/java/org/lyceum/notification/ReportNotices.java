package org.lyceum.notification;

import io.smallrye.mutiny.Uni;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lyceum.database.Sql;

/** REPORT: to the community's moderators and to instance staff, made here or received as a Flag. */
public final class ReportNotices {

    private ReportNotices() {}

    /**
     * {@code what} is the report's {community, content, person}: content when it names content,
     * else the person reported.
     */
    public static Uni<Void> send(
            Notifications notifications,
            Sql tx,
            @Nullable UUID reporterId,
            @Nullable UUID[] what,
            @Nullable String reason,
            String cause) {
        UUID community = what[0];
        Notice notice = what[1] != null
                ? new Notice(
                        NotificationKind.REPORT,
                        reporterId,
                        Notice.ObjectType.CONTENT,
                        what[1],
                        community,
                        reason,
                        cause)
                : new Notice(
                        NotificationKind.REPORT,
                        reporterId,
                        Notice.ObjectType.PERSON,
                        what[2],
                        community,
                        reason,
                        cause);
        Uni<Integer> moderators = community == null ? Uni.createFrom().item(0) : notifications.toModerators(tx, notice);
        return moderators.chain(() -> notifications.toStaff(tx, notice)).replaceWithVoid();
    }
}
