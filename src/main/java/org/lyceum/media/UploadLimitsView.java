package org.lyceum.media;

import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.lyceum.graphql.GraphQLLong;

/** What POST /uploads takes, so that the frontend can tell before a long upload is refused. */
@Name("UploadLimits")
@Description("What POST /uploads takes; sizes in bytes.")
public record UploadLimitsView(
        @NonNull @Description("Largest file of a resource, in bytes.") GraphQLLong maxSize,
        @NonNull @Description("Largest icon upload, in bytes.") GraphQLLong iconMaxSize,
        @NonNull @Description("Largest banner upload, in bytes.") GraphQLLong bannerMaxSize,
        @NonNull
                @Description(
                        "Media types a resource's file may have (read from its content); type/* takes a whole type.")
                List<@NonNull String> allowedTypes,
        @NonNull @Description("Media types icons and banners may have.") List<@NonNull String> imageTypes,
        @NonNull @Description("What one person's uploads may take in all, in bytes.") GraphQLLong quota) {

    static UploadLimitsView of(MediaConfig config) {
        return new UploadLimitsView(
                GraphQLLong.of(MediaPurpose.RESOURCE.maxSize(config)),
                GraphQLLong.of(MediaPurpose.ICON.maxSize(config)),
                GraphQLLong.of(MediaPurpose.BANNER.maxSize(config)),
                List.copyOf(config.allowedTypes().resource()),
                List.copyOf(config.allowedTypes().icon()),
                GraphQLLong.of(config.quota().asLongValue()));
    }
}
