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
import org.lyceum.database.Columns;
import org.lyceum.database.SqlRow;
import org.lyceum.text.Texts;

@Name("Collection")
@Description("An ordered list of learning resources in a community.")
public record CollectionView(
        @Id @NonNull String id,
        @NonNull String title,
        @Description("Markdown.") @Nullable String summary,
        @Description("The summary as sanitized HTML.") @Nullable String summaryHtml,
        @NonNull CommunityView community,
        @NonNull PersonView author,
        int resourceCount,
        int likeCount,
        int followerCount,
        boolean myLike,
        boolean myFollow,
        boolean myBookmark,
        @NonNull OffsetDateTime createdAt,
        @NonNull OffsetDateTime updatedAt,
        @Ignore UUID uuid)
        implements Content {

    public static final String TYPE = "Collection";

    @Override
    @Id
    @NonNull
    public String getId() {
        return id;
    }

    /** The collection in the row's columns with prefix p, or null when the row has none (a resource's outer join). */
    static @Nullable CollectionView from(SqlRow r, String p, CommunityView community) {
        UUID id = r.getUUID(Columns.prefixed(p, "id"));
        if (id == null) {
            return null;
        }
        return new CollectionView(
                GlobalId.of(TYPE, id),
                r.getString(Columns.prefixed(p, "title")),
                r.getString(Columns.prefixed(p, "body")),
                Texts.htmlOr(r.getString(Columns.prefixed(p, "body_html")), r.getString(Columns.prefixed(p, "body"))),
                community,
                Objects.requireNonNull(
                        PersonView.from(r, p.isEmpty() ? "a_" : "ca_"), "a collection's author is joined by its id"),
                r.getInteger(Columns.prefixed(p, "resources")),
                r.getInteger(Columns.prefixed(p, "likes")),
                r.getInteger(Columns.prefixed(p, "followers")),
                r.getBoolean(Columns.prefixed(p, "my_like")),
                r.getBoolean(Columns.prefixed(p, "my_follow")),
                r.getBoolean(Columns.prefixed(p, "my_bookmark")),
                r.getOffsetDateTime(Columns.prefixed(p, "created_at")),
                r.getOffsetDateTime(Columns.prefixed(p, "updated_at")),
                id);
    }
}
