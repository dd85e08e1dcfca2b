package org.lyceum.moderation;

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
import org.lyceum.notification.Notice;

/** One row of the moderation log as readers see it; {@link ModlogEntry} is the row to write. */
@Name("ModlogEntry")
@Description("One action of a moderator or admin, as the moderation log shows it.")
public record ModlogEntryView(
        @Id @NonNull String id,
        @NonNull ModAction action,
        @Nullable String reason,
        @NonNull OffsetDateTime createdAt,
        @Description("Until when a ban or suspension holds; null when permanent or for other actions.") @Nullable
                OffsetDateTime expiresAt,
        @Description("DOMAIN_BLOCK and DOMAIN_UNBLOCK: the domain, obfuscated when the block is.") @Nullable
                String domain,
        @Description("What the target was called when the action was logged (it may since be gone).") @Nullable
                String targetTitle,
        @Ignore @Nullable UUID moderatorId,
        @Ignore Notice.@Nullable ObjectType targetType,
        @Ignore @Nullable UUID targetId,
        @Ignore @Nullable UUID targetPersonId,
        @Ignore @Nullable UUID communityId)
        implements Node {

    public static final String TYPE = "ModlogEntry";

    static final String COLUMNS = "l.id, l.action, l.reason, l.created_at, l.expires_at, l.domain, l.target_title,"
            + " l.moderator_id, l.target_type, l.target_id, l.target_person_id, l.community_id";

    @Override
    @Id
    @NonNull
    public String getId() {
        return id;
    }

    static ModlogEntryView from(SqlRow r) {
        String type = r.getString("target_type");
        return new ModlogEntryView(
                GlobalId.of(TYPE, r.getUUID("id")),
                ModAction.valueOf(r.getString("action")),
                r.getString("reason"),
                r.getOffsetDateTime("created_at"),
                r.getOffsetDateTime("expires_at"),
                r.getString("domain"),
                r.getString("target_title"),
                r.getUUID("moderator_id"),
                type == null ? null : Notice.ObjectType.valueOf(type),
                r.getUUID("target_id"),
                r.getUUID("target_person_id"),
                r.getUUID("community_id"));
    }
}
