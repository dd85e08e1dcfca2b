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
import org.lyceum.text.Texts;

@Name("Resource")
@Description("A learning resource: a link or a file, with its education metadata, in a collection.")
public record ResourceView(
        @Id @NonNull String id,
        @NonNull String title,
        @Description("Markdown.") @Nullable String description,
        @Description("The description as sanitized HTML.") @Nullable String descriptionHtml,
        @Ignore @Nullable String link,
        @Description("The file, when the resource is one (its url is where the file is served); null for a link.")
                @Nullable
                ResourceFileView file,
        @Description("An SPDX licence id from vocabularies.licences.") @Nullable String licence,
        @Description("An ISO 639-1 code from vocabularies.languages.") @Nullable String language,
        @Description("An ISCED 2011 level, 0-8.") @Nullable Integer level,
        @Description("An ISCED-F 2013 field code from vocabularies.subjects.") @Nullable String subject,
        @Description("A code from vocabularies.resourceTypes.") @Nullable String resourceType,
        @Description("Who made the resource, as its author wants to be credited.") @Nullable String attribution,
        @Description("Place in the collection, from 0.") int position,
        @NonNull CollectionView collection,
        @NonNull CommunityView community,
        @NonNull @Description("Who added the resource.") PersonView author,
        int likeCount,
        boolean myLike,
        boolean myBookmark,
        @NonNull OffsetDateTime createdAt,
        @NonNull OffsetDateTime updatedAt,
        @Ignore UUID uuid)
        implements Content {

    public static final String TYPE = "Resource";

    @Override
    @Id
    @NonNull
    public String getId() {
        return id;
    }

    static ResourceView from(SqlRow r, CommunityView community) {
        UUID id = r.getUUID("id");
        Short level = r.getShort("level");
        return new ResourceView(
                GlobalId.of(TYPE, id),
                r.getString("title"),
                r.getString("body"),
                Texts.htmlOr(r.getString("body_html"), r.getString("body")),
                r.getString("url"),
                ResourceFileView.from(r),
                r.getString("licence"),
                r.getString("language"),
                level == null ? null : level.intValue(),
                r.getString("subject"),
                r.getString("resource_type"),
                r.getString("attribution"),
                r.getInteger("position"),
                Objects.requireNonNull(CollectionView.from(r, "col_", community), "a resource is in a collection"),
                community,
                Objects.requireNonNull(PersonView.from(r, "a_"), "content's author is joined by its id"),
                r.getInteger("likes"),
                r.getBoolean("my_like"),
                r.getBoolean("my_bookmark"),
                r.getOffsetDateTime("created_at"),
                r.getOffsetDateTime("updated_at"),
                id);
    }
}
