package org.lyceum.community;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.jspecify.annotations.Nullable;
import org.lyceum.common.GlobalId;
import org.lyceum.database.Columns;
import org.lyceum.database.SqlRow;
import org.lyceum.graphql.Node;
import org.lyceum.text.Texts;

@Name("Community")
@Description("A community of educators; its collections and discussions live in it.")
public record CommunityView(
        @Id @NonNull String id,
        @NonNull @Description("The handle, unique on its instance.") String name,
        @Description("Null for communities of this instance.") @Nullable String host,
        @NonNull String handle,
        @NonNull String title,
        @Description("Markdown.") @Nullable String summary,
        @Description("The summary as sanitized HTML.") @Nullable String summaryHtml,
        @Ignore @Nullable String linkedIconUrl,
        @Ignore @Nullable UUID iconId,
        @Ignore @Nullable UUID bannerId,
        @Ignore @Nullable String linkedBannerUrl,
        @NonNull Visibility visibility,
        boolean local,
        @NonNull OffsetDateTime createdAt,
        @NonNull OffsetDateTime updatedAt,
        @Description("Null when the caller may not see the community's content.") @Nullable Integer memberCount,
        @Description("Null when the caller may not see the community's content.") @Nullable Integer followerCount,
        @Description("The caller's role, when a member.") @Nullable CommunityRole myRole,
        @Description("JOINED, PENDING (a join request) or null.") @Nullable MembershipState myMembership,
        boolean myFollow,
        @Ignore UUID uuid)
        implements Node {

    public static final String TYPE = "Community";

    @Override
    @Id
    @NonNull
    public String getId() {
        return id;
    }

    /** Select-list items for a community joined as {@code alias}; the viewer's person id is $1. */
    public static String columns(String alias, String prefix) {
        String a = alias + ".";
        return String.join(
                ", ",
                a + "id " + prefix + "id",
                a + "name " + prefix + "name",
                a + "host " + prefix + "host",
                a + "title " + prefix + "title",
                a + "summary " + prefix + "summary",
                a + "summary_html " + prefix + "summary_html",
                a + "icon_url " + prefix + "icon_url",
                a + "icon_id " + prefix + "icon_id",
                a + "banner_id " + prefix + "banner_id",
                a + "banner_url " + prefix + "banner_url",
                a + "visibility " + prefix + "visibility",
                a + "created_at " + prefix + "created_at",
                a + "updated_at " + prefix + "updated_at",
                "(select count(*) from membership x where x.community_id = " + a + "id and x.state = 'JOINED') "
                        + prefix + "members",
                "(select count(*) from follow f where f.community_id = " + a + "id and f.state = 'ACCEPTED') " + prefix
                        + "followers",
                "(select x.role from membership x where x.community_id = " + a + "id and x.person_id = $1) " + prefix
                        + "my_role",
                "(select x.state from membership x where x.community_id = " + a + "id and x.person_id = $1) " + prefix
                        + "my_state",
                "exists(select 1 from follow f where f.community_id = " + a + "id and f.follower_id = $1) " + prefix
                        + "my_follow");
    }

    /** The community in the row's columns with the prefix, or null when the row has none (an outer join missed). */
    public static @Nullable CommunityView from(SqlRow row, String prefix) {
        UUID id = row.getUUID(Columns.prefixed(prefix, "id"));
        if (id == null) {
            return null;
        }
        String name = row.getString(Columns.prefixed(prefix, "name"));
        String host = row.getString(Columns.prefixed(prefix, "host"));
        Visibility visibility = Visibility.valueOf(row.getString(Columns.prefixed(prefix, "visibility")));
        String role = row.getString(Columns.prefixed(prefix, "my_role"));
        String state = row.getString(Columns.prefixed(prefix, "my_state"));
        boolean insider = visibility != Visibility.PRIVATE || "JOINED".equals(state);
        return new CommunityView(
                GlobalId.of(TYPE, id),
                name,
                host,
                host == null ? name : name + "@" + host,
                row.getString(Columns.prefixed(prefix, "title")),
                row.getString(Columns.prefixed(prefix, "summary")),
                Texts.htmlOr(
                        row.getString(Columns.prefixed(prefix, "summary_html")),
                        row.getString(Columns.prefixed(prefix, "summary"))),
                row.getString(Columns.prefixed(prefix, "icon_url")),
                row.getUUID(Columns.prefixed(prefix, "icon_id")),
                row.getUUID(Columns.prefixed(prefix, "banner_id")),
                row.getString(Columns.prefixed(prefix, "banner_url")),
                visibility,
                host == null,
                row.getOffsetDateTime(Columns.prefixed(prefix, "created_at")),
                row.getOffsetDateTime(Columns.prefixed(prefix, "updated_at")),
                insider ? row.getInteger(Columns.prefixed(prefix, "members")) : null,
                insider ? row.getInteger(Columns.prefixed(prefix, "followers")) : null,
                "JOINED".equals(state) ? CommunityRole.valueOf(role) : null,
                state == null ? null : MembershipState.valueOf(state),
                row.getBoolean(Columns.prefixed(prefix, "my_follow")),
                id);
    }
}
