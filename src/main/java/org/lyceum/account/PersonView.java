package org.lyceum.account;

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

@Name("Person")
@Description("Someone on this instance or, with a host, on another server.")
public record PersonView(
        @Id @NonNull String id,
        @NonNull String username,
        @Description("Null for people of this instance.") String host,
        @NonNull @Description("username@host, or just username for local people.") String handle,
        @NonNull String displayName,
        @Description("Markdown.") String summary,
        @Description("The summary as sanitized HTML.") @Nullable String summaryHtml,
        @Ignore @Nullable String linkedIconUrl,
        @Ignore @Nullable UUID iconId,
        @Ignore @Nullable UUID bannerId,
        @Ignore @Nullable String linkedBannerUrl,
        boolean local,
        @NonNull OffsetDateTime createdAt,
        int followerCount,
        @Description("Whether the caller follows this person.") boolean myFollow,
        @Description("Whether the account was deleted; what it wrote and kept shows as written by a deleted"
                        + " account (displayName is then the username, and nothing else of the profile is kept).")
                boolean deleted,
        @Ignore UUID uuid)
        implements Node {

    public static final String TYPE = "Person";

    @Override
    @Id
    @NonNull
    public String getId() {
        return id;
    }

    /** Select-list items for a person joined as {@code alias}; the viewer's person id is $1. */
    public static String columns(String alias, String prefix) {
        return String.join(
                ", ",
                alias + ".id " + prefix + "id",
                alias + ".username " + prefix + "username",
                alias + ".host " + prefix + "host",
                alias + ".display_name " + prefix + "display_name",
                alias + ".summary " + prefix + "summary",
                alias + ".summary_html " + prefix + "summary_html",
                alias + ".icon_url " + prefix + "icon_url",
                alias + ".icon_id " + prefix + "icon_id",
                alias + ".banner_id " + prefix + "banner_id",
                alias + ".banner_url " + prefix + "banner_url",
                alias + ".created_at " + prefix + "created_at",
                alias + ".deleted_at is not null " + prefix + "deleted",
                "(select count(*) from follow f where f.person_id = " + alias + ".id and f.state = 'ACCEPTED') "
                        + prefix + "followers",
                "exists(select 1 from follow f where f.person_id = " + alias + ".id and f.follower_id = $1) " + prefix
                        + "my_follow");
    }

    /** The person in the row's columns with the prefix, or null when the row has none (an outer join missed). */
    public static @Nullable PersonView from(SqlRow row, String prefix) {
        UUID id = row.getUUID(Columns.prefixed(prefix, "id"));
        if (id == null) {
            return null;
        }
        String username = row.getString(Columns.prefixed(prefix, "username"));
        String host = row.getString(Columns.prefixed(prefix, "host"));
        return new PersonView(
                GlobalId.of(TYPE, id),
                username,
                host,
                host == null ? username : username + "@" + host,
                row.getString(Columns.prefixed(prefix, "display_name")),
                row.getString(Columns.prefixed(prefix, "summary")),
                Texts.htmlOr(
                        row.getString(Columns.prefixed(prefix, "summary_html")),
                        row.getString(Columns.prefixed(prefix, "summary"))),
                row.getString(Columns.prefixed(prefix, "icon_url")),
                row.getUUID(Columns.prefixed(prefix, "icon_id")),
                row.getUUID(Columns.prefixed(prefix, "banner_id")),
                row.getString(Columns.prefixed(prefix, "banner_url")),
                host == null,
                row.getOffsetDateTime(Columns.prefixed(prefix, "created_at")),
                row.getInteger(Columns.prefixed(prefix, "followers")),
                row.getBoolean(Columns.prefixed(prefix, "my_follow")),
                row.getBoolean(Columns.prefixed(prefix, "deleted")),
                id);
    }
}
