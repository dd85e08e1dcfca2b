package org.lyceum.content;

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
import org.lyceum.text.Texts;

@Name("Comment")
@Description("A comment in a thread. A deleted comment stays as a tombstone so that replies keep their place, and so"
        + " does the comment of someone the caller blocks or mutes (blocked).")
public record CommentView(
        @Id @NonNull String id,
        @Description("The Markdown source; null once deleted or blocked.") @Nullable String content,
        @Description("The content as sanitized HTML; null once deleted or blocked.") @Nullable String contentHtml,
        boolean deleted,
        @Description("True when the caller blocks or mutes its author or their server: a placeholder, without"
                        + " content and author, that keeps its place in the thread.")
                boolean blocked,
        @NonNull CommunityView community,
        @Description("Null once deleted or blocked.") @Nullable PersonView author,
        @Description("Direct replies, deleted ones not counted.") int replyCount,
        int likeCount,
        boolean myLike,
        boolean myBookmark,
        @NonNull OffsetDateTime createdAt,
        @NonNull OffsetDateTime updatedAt,
        @Ignore UUID uuid,
        @Ignore UUID threadId,
        @Ignore @Nullable UUID inReplyToId)
        implements Content {

    public static final String TYPE = "Comment";

    @Override
    @Id
    @NonNull
    public String getId() {
        return id;
    }

    static CommentView from(SqlRow r, CommunityView community) {
        UUID id = r.getUUID("id");
        boolean deleted = r.getOffsetDateTime("deleted_at") != null;
        boolean blocked = Boolean.TRUE.equals(r.getBoolean("blocked"));
        boolean hidden = deleted || blocked;
        return new CommentView(
                GlobalId.of(TYPE, id),
                hidden ? null : r.getString("body"),
                hidden ? null : Texts.htmlOr(r.getString("body_html"), r.getString("body")),
                deleted,
                blocked,
                community,
                hidden ? null : PersonView.from(r, "a_"),
                r.getInteger("replies"),
                r.getInteger("likes"),
                r.getBoolean("my_like"),
                r.getBoolean("my_bookmark"),
                r.getOffsetDateTime("created_at"),
                r.getOffsetDateTime("updated_at"),
                id,
                r.getUUID("thread_id"),
                r.getUUID("in_reply_to"));
    }
}
