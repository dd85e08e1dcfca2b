package org.lyceum.featured;

import io.smallrye.mutiny.Uni;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Source;
import org.lyceum.account.AccountService;
import org.lyceum.community.CommunityView;
import org.lyceum.content.Content;
import org.lyceum.graphql.Node;
import org.lyceum.instance.InstanceView;

@GraphQLApi
public class FeaturedGraphQL {

    private final FeaturedService service;
    private final FeaturedQueries queries;
    private final AccountService accounts;

    FeaturedGraphQL(FeaturedService service, FeaturedQueries queries, AccountService accounts) {
        this.service = service;
        this.queries = queries;
        this.accounts = accounts;
    }

    @Mutation("featureObject")
    @Description("Features a community or collection on the instance (instance admins), or pins a collection, resource"
            + " or thread in its community (its owner and moderators). True, also when it was featured already.")
    public Uni<@NonNull Boolean> featureObject(@Name("input") @NonNull FeatureInput input) {
        return service.feature(input);
    }

    @Mutation("unfeatureObject")
    @Description("Takes something off the instance's or its community's featured list: true when it was on it, false"
            + " when it was not.")
    public Uni<@NonNull Boolean> unfeatureObject(@Name("input") @NonNull FeatureInput input) {
        return service.unfeature(input);
    }

    @Description("Communities and collections the instance's admins feature, oldest feature first (the first 50);"
            + " only what the caller may see.")
    public Uni<@NonNull List<@NonNull Node>> featured(@Source InstanceView instance) {
        return accounts.viewer().chain(queries::ofInstance);
    }

    @Description("The collections, resources and threads the community's moderators feature (a featured thread is"
            + " pinned), oldest feature first (the first 50); empty for outsiders of a private community.")
    public Uni<@NonNull List<@NonNull Content>> featured(@Source CommunityView community) {
        return accounts.viewer().chain(v -> queries.ofCommunity(v, community.uuid()));
    }
}
