package org.lyceum.notification;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.jspecify.annotations.Nullable;
import org.lyceum.common.GlobalId;
import org.lyceum.database.SqlRow;
import org.lyceum.graphql.Node;

@Name("Notification")
@Description("Something that happened for the caller: a reply, a mention, a decision, a report.")
public record NotificationView(
        @Id @NonNull String id,
        @NonNull NotificationKind kind,
        @NonNull OffsetDateTime createdAt,
        @Description("Whether the caller marked it read.") boolean read,
        @Ignore @Nullable UUID actorId,
        @Ignore @Nullable UUID communityId,
        @Description("A moderator's reason (reports, bans, removals); approved or rejected for JOIN_DECIDED;"
                        + " the new role for ROLE_CHANGED.")
                @Nullable
                String reason,
        @Ignore Notice.@Nullable ObjectType objectType,
        @Ignore @Nullable UUID objectId,
        @Ignore long seq)
        implements Node {

    public static final String TYPE = "Notification";

    /** The notification alone: its actor and community are loaded for the whole page at once. */
    static final String COLUMNS = "n.id n_id, n.kind n_kind, n.created_at n_created_at, n.read_at is not null n_read,"
            + " n.reason n_reason, n.object_type n_object_type, n.object_id n_object_id, n.seq n_seq,"
            + " n.actor_id n_actor_id, n.community_id n_community_id";

    static final String FROM = " from notification n";

    @Override
    @Id
    @NonNull
    public String getId() {
        return id;
    }

    static NotificationView from(SqlRow r) {
        String type = r.getString("n_object_type");
        return new NotificationView(
                GlobalId.of(TYPE, r.getUUID("n_id")),
                NotificationKind.valueOf(r.getString("n_kind")),
                r.getOffsetDateTime("n_created_at"),
                Boolean.TRUE.equals(r.getBoolean("n_read")),
                r.getUUID("n_actor_id"),
                r.getUUID("n_community_id"),
                r.getString("n_reason"),
                type == null ? null : Notice.ObjectType.valueOf(type),
                r.getUUID("n_object_id"),
                r.getLong("n_seq"));
    }
}
