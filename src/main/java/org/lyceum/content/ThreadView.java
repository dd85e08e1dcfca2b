package org.lyceum.content;

import java.time.OffsetDateTime;
import java.util.Objects;
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

@Name("Thread")
@Description("A discussion in a community, optionally about a resource or collection.")
public record ThreadView(
        @Id @NonNull String id,
        @NonNull String title,
        @NonNull CommunityView community,
        @NonNull PersonView author,
        @Description("Comments in the thread, the first one included; deleted ones not counted.") int commentCount,
        int likeCount,
        boolean myLike,
        boolean myBookmark,
        @NonNull OffsetDateTime createdAt,
        @NonNull OffsetDateTime updatedAt,
        @Description(
                        "Locked by a moderator: no new replies, except from the community's moderators and instance staff.")
                boolean locked,
        @Ignore UUID uuid,
        @Ignore @Nullable UUID aboutId)
        implements Content {

    public static final String TYPE = "Thread";

    @Override
    @Id
    @NonNull
    public String getId() {
        return id;
    }

    static ThreadView from(SqlRow r, CommunityView community) {
        UUID id = r.getUUID("id");
        return new ThreadView(
                GlobalId.of(TYPE, id),
                r.getString("title"),
                community,
                Objects.requireNonNull(PersonView.from(r, "a_"), "content's author is joined by its id"),
                r.getInteger("replies"),
                r.getInteger("likes"),
                r.getBoolean("my_like"),
                r.getBoolean("my_bookmark"),
                r.getOffsetDateTime("created_at"),
                r.getOffsetDateTime("updated_at"),
                r.getBoolean("locked"),
                id,
                r.getUUID("about_id"));
    }
}
