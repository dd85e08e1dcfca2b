package org.lyceum.notification;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.jspecify.annotations.Nullable;
import org.lyceum.account.PersonView;
import org.lyceum.common.GlobalId;
import org.lyceum.community.CommunityView;
import org.lyceum.database.SqlRow;
import org.lyceum.graphql.Node;

@Name("Notification")
@Description("Something that happened for the caller: a reply, a mention, a decision, a report.")
public record NotificationView(
        @Id @NonNull String id,
        @NonNull NotificationKind kind,
        @NonNull OffsetDateTime createdAt,
        @Description("Whether the caller marked it read.") boolean read,
        @Description("Who caused it; null when a server or a group did, or the person is gone.") @Nullable
                PersonView actor,
        @Description("The community it happened in, if any.") @Nullable CommunityView community,
        @Description("A moderator's reason (reports, bans, removals); approved or rejected for JOIN_DECIDED;"
                        + " the new role for ROLE_CHANGED.")
                @Nullable
                String reason,
        @Ignore Notice.@Nullable ObjectType objectType,
        @Ignore @Nullable UUID objectId,
        @Ignore long seq)
        implements Node {

    public static final String TYPE = "Notification";

    static final String COLUMNS = "n.id n_id, n.kind n_kind, n.created_at n_created_at, n.read_at is not null n_read,"
            + " n.reason n_reason, n.object_type n_object_type, n.object_id n_object_id, n.seq n_seq, "
            + PersonView.columns("p", "p_") + ", " + CommunityView.columns("m", "m_");

    /** The recipient is $1: CommunityView's columns read the caller's membership from it. */
    static final String FROM = " from notification n left join person p on p.id = n.actor_id"
            + " left join community m on m.id = n.community_id and m.deleted_at is null";

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
                PersonView.from(r, "p_"),
                CommunityView.from(r, "m_"),
                r.getString("n_reason"),
                type == null ? null : Notice.ObjectType.valueOf(type),
                r.getUUID("n_object_id"),
                r.getLong("n_seq"));
    }
}
