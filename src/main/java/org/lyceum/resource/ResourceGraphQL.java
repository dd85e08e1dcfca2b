package org.lyceum.resource;

import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import java.util.Objects;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;
import org.lyceum.account.AccountService;
import org.lyceum.common.GlobalId;
import org.lyceum.common.PageRequest;
import org.lyceum.community.CommunityView;
import org.lyceum.community.Visibility;
import org.lyceum.content.CollectionConnection;
import org.lyceum.content.CollectionView;
import org.lyceum.content.ContentLoader;
import org.lyceum.content.ContentQueries;
import org.lyceum.content.ResourceConnection;
import org.lyceum.content.ResourceFileView;
import org.lyceum.content.ResourceView;
import org.lyceum.media.MediaUrls;
import org.lyceum.ratelimit.RateClass;
import org.lyceum.ratelimit.RateLimits;

@GraphQLApi
public class ResourceGraphQL {

    private final LibraryService library;
    private final ContentQueries content;
    private final Vocabularies vocabularies;
    private final AccountService accounts;
    private final ContentLoader loader;
    private final MediaUrls urls;

    private final RateLimits limits;

    ResourceGraphQL(
            MediaUrls urls,
            LibraryService library,
            ContentQueries content,
            ContentLoader loader,
            Vocabularies vocabularies,
            AccountService accounts,
            RateLimits limits) {
        this.limits = limits;
        this.urls = urls;
        this.library = library;
        this.content = content;
        this.loader = loader;
        this.vocabularies = vocabularies;
        this.accounts = accounts;
    }

    @Query("collection")
    public Uni<CollectionView> collection(@Name("id") @Id @NonNull String id) {
        var uuid = GlobalId.uuid("id", id, CollectionView.TYPE);
        return accounts.viewer().chain(v -> content.byId(v, uuid, CollectionView.class));
    }

    @Name("url")
    @Description("The resource's link, or where its file is served: for a private community's file a URL"
            + " signed for a short time (lyceum.media.signed-url-ttl), which works as a plain link.")
    @NonBlocking
    public @NonNull String url(@Source ResourceView resource) {
        ResourceFileView file = resource.file();
        if (file == null) {
            return Objects.requireNonNull(resource.link(), "a resource without a file has a url");
        }
        return resource.community().visibility() == Visibility.PRIVATE
                ? urls.signedUrl(file.mediaId(), file.name())
                : urls.publicUrl(file.mediaId(), file.name());
    }

    @Query("resource")
    public Uni<ResourceView> resource(@Name("id") @Id @NonNull String id) {
        var uuid = GlobalId.uuid("id", id, ResourceView.TYPE);
        return accounts.viewer().chain(v -> content.byId(v, uuid, ResourceView.class));
    }

    @Query("vocabularies")
    @Description("The controlled vocabularies of resource metadata.")
    public Uni<@NonNull VocabulariesView> vocabularies() {
        return vocabularies.all();
    }

    @Description("The community's collections, newest first; empty for outsiders of a private community.")
    public Uni<@NonNull CollectionConnection> collections(
            @Source CommunityView community,
            @Name("first") Integer first,
            @Name("after") String after,
            @Name("last") Integer last,
            @Name("before") String before) {
        PageRequest page = PageRequest.of(first, after, last, before);
        return accounts.viewer().chain(v -> loader.collections(v, community.uuid(), page)
                .map(p -> CollectionConnection.of(p, loader.collectionCount(v, community.uuid()))));
    }

    @Description("The collection's resources in their order.")
    public Uni<@NonNull ResourceConnection> resources(
            @Source CollectionView collection,
            @Name("first") Integer first,
            @Name("after") String after,
            @Name("last") Integer last,
            @Name("before") String before) {
        PageRequest page = PageRequest.of(first, after, last, before);
        return accounts.viewer().chain(v -> loader.resources(v, collection.uuid(), page)
                .map(p -> ResourceConnection.of(p, loader.resourceCount(v, collection.uuid()))));
    }

    public Uni<@NonNull Integer> totalCount(@Source CollectionConnection connection) {
        return connection.total().map(Long::intValue);
    }

    public Uni<@NonNull Integer> totalCount(@Source ResourceConnection connection) {
        return connection.total().map(Long::intValue);
    }

    @Mutation("createCollection")
    @Description("Members of the community create collections.")
    public Uni<ResourcePayloads.OfCollection> createCollection(
            @Name("input") @NonNull ResourceInputs.CreateCollection input) {
        return limits.check(RateClass.CONTENT)
                .chain(() -> library.createCollection(input))
                .map(ResourcePayloads.OfCollection::new);
    }

    @Mutation("updateCollection")
    public Uni<ResourcePayloads.OfCollection> updateCollection(
            @Name("input") @NonNull ResourceInputs.UpdateCollection input) {
        return limits.check(RateClass.CONTENT)
                .chain(() -> library.updateCollection(input))
                .map(ResourcePayloads.OfCollection::new);
    }

    @Mutation("createResource")
    @Description("Members add resources at the end of a collection.")
    public Uni<ResourcePayloads.OfResource> createResource(@Name("input") @NonNull ResourceInputs.Create input) {
        return limits.check(RateClass.CONTENT)
                .chain(() -> library.createResource(input))
                .map(ResourcePayloads.OfResource::new);
    }

    @Mutation("updateResource")
    public Uni<ResourcePayloads.OfResource> updateResource(@Name("input") @NonNull ResourceInputs.Update input) {
        return limits.check(RateClass.CONTENT)
                .chain(() -> library.updateResource(input))
                .map(ResourcePayloads.OfResource::new);
    }

    @Mutation("moveResource")
    public Uni<ResourcePayloads.OfResource> moveResource(@Name("input") @NonNull ResourceInputs.Move input) {
        return library.moveResource(input).map(ResourcePayloads.OfResource::new);
    }
}
