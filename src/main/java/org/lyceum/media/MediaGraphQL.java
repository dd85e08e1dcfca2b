package org.lyceum.media;

import io.smallrye.common.annotation.NonBlocking;
import java.util.UUID;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Source;
import org.jspecify.annotations.Nullable;
import org.lyceum.account.PersonView;
import org.lyceum.community.CommunityView;
import org.lyceum.instance.InstanceView;

/**
 * People's and communities' icons and banners: an upload of this instance (served at its public
 * URL, the largest size made) or, failing that, the URL federation brought or a person gave.
 */
@GraphQLApi
public class MediaGraphQL {

    private final MediaUrls urls;
    private final MediaConfig config;

    MediaGraphQL(MediaUrls urls, MediaConfig config) {
        this.urls = urls;
        this.config = config;
    }

    @Name("uploadLimits")
    @Description("What POST /uploads takes: sizes, types and each person's quota.")
    @NonBlocking
    public @NonNull UploadLimitsView uploadLimits(@Source InstanceView instance) {
        return UploadLimitsView.of(config);
    }

    @Name("iconUrl")
    @Description("A square image, 400 × 400 pixels when uploaded here.")
    @NonBlocking
    public @Nullable String iconUrl(@Source PersonView person) {
        return url(person.iconId(), "icon", person.linkedIconUrl());
    }

    @Name("bannerUrl")
    @Description("A wide image, 1500 × 500 pixels when uploaded here.")
    @NonBlocking
    public @Nullable String bannerUrl(@Source PersonView person) {
        return url(person.bannerId(), "banner", person.linkedBannerUrl());
    }

    @Name("iconUrl")
    @Description("A square image, 400 × 400 pixels when uploaded here.")
    @NonBlocking
    public @Nullable String iconUrl(@Source CommunityView community) {
        return url(community.iconId(), "icon", community.linkedIconUrl());
    }

    @Name("bannerUrl")
    @Description("A wide image, 1500 × 500 pixels when uploaded here.")
    @NonBlocking
    public @Nullable String bannerUrl(@Source CommunityView community) {
        return url(community.bannerId(), "banner", community.linkedBannerUrl());
    }

    private @Nullable String url(@Nullable UUID upload, String name, @Nullable String linked) {
        return upload != null ? urls.publicUrl(upload, name) : linked;
    }
}
