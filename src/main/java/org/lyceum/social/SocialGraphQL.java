package org.lyceum.social;

import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@GraphQLApi
public class SocialGraphQL {

    private final SocialService social;

    SocialGraphQL(SocialService social) {
        this.social = social;
    }

    @Mutation("like")
    public Uni<SocialPayloads.OfObject> like(@Name("input") @NonNull SocialInputs.OfObject input) {
        return social.like(input.id()).map(SocialPayloads.OfObject::new);
    }

    @Mutation("unlike")
    public Uni<SocialPayloads.OfObject> unlike(@Name("input") @NonNull SocialInputs.OfObject input) {
        return social.unlike(input.id()).map(SocialPayloads.OfObject::new);
    }

    @Mutation("bookmark")
    @Description("Bookmarks are private: only their owner sees them, as myBookmark.")
    public Uni<SocialPayloads.OfObject> bookmark(@Name("input") @NonNull SocialInputs.OfObject input) {
        return social.bookmark(input.id()).map(SocialPayloads.OfObject::new);
    }

    @Mutation("unbookmark")
    public Uni<SocialPayloads.OfObject> unbookmark(@Name("input") @NonNull SocialInputs.OfObject input) {
        return social.unbookmark(input.id()).map(SocialPayloads.OfObject::new);
    }

    @Mutation("follow")
    @Description("Follows a person, community or collection: what they create reaches homeFeed.")
    public Uni<SocialPayloads.OfTarget> follow(@Name("input") @NonNull SocialInputs.OfTarget input) {
        return social.follow(input.id()).map(SocialPayloads.OfTarget::new);
    }

    @Mutation("unfollow")
    public Uni<SocialPayloads.OfTarget> unfollow(@Name("input") @NonNull SocialInputs.OfTarget input) {
        return social.unfollow(input.id()).map(SocialPayloads.OfTarget::new);
    }
}
