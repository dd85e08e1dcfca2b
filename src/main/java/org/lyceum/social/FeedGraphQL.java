package org.lyceum.social;

import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;
import org.lyceum.account.AccountService;
import org.lyceum.common.DomainException;
import org.lyceum.common.PageRequest;
import org.lyceum.community.CommunityQueries;

@GraphQLApi
public class FeedGraphQL {

    private final FeedQueries feeds;
    private final CommunityQueries communities;
    private final AccountService accounts;

    FeedGraphQL(FeedQueries feeds, CommunityQueries communities, AccountService accounts) {
        this.feeds = feeds;
        this.communities = communities;
        this.accounts = accounts;
    }

    @Query("homeFeed")
    @Description("What was created in the communities the caller joined or follows, by the people and in the "
            + "collections they follow; newest first. Signed-in callers only.")
    public Uni<@NonNull ActivityConnection> homeFeed(
            @Name("first") Integer first,
            @Name("after") String after,
            @Name("last") Integer last,
            @Name("before") String before) {
        PageRequest page = PageRequest.of(first, after, last, before);
        return accounts.requireViewer().chain(v -> feeds.page(v, FeedQueries.HOME, null, page)
                .map(p -> ActivityConnection.of(p, feeds.count(v, FeedQueries.HOME, null))));
    }

    @Query("communityFeed")
    @Description("What was created in one community, newest first; empty for outsiders of a private community.")
    public Uni<@NonNull ActivityConnection> communityFeed(
            @Name("name") @NonNull String name,
            @Name("first") Integer first,
            @Name("after") String after,
            @Name("last") Integer last,
            @Name("before") String before) {
        PageRequest page = PageRequest.of(first, after, last, before);
        return accounts.viewer().chain(v -> communities
                .byName(v, name)
                .onItem()
                .ifNull()
                .failWith(() -> DomainException.notFound("community"))
                .chain(c -> feeds.page(v, FeedQueries.COMMUNITY, c.uuid(), page)
                        .map(p -> ActivityConnection.of(p, feeds.count(v, FeedQueries.COMMUNITY, c.uuid())))));
    }

    @Query("instanceFeed")
    @Description("What was created in this instance's public communities, newest first.")
    public Uni<@NonNull ActivityConnection> instanceFeed(
            @Name("first") Integer first,
            @Name("after") String after,
            @Name("last") Integer last,
            @Name("before") String before) {
        PageRequest page = PageRequest.of(first, after, last, before);
        return accounts.viewer().chain(v -> feeds.page(v, FeedQueries.INSTANCE, null, page)
                .map(p -> ActivityConnection.of(p, feeds.count(v, FeedQueries.INSTANCE, null))));
    }

    public Uni<@NonNull Integer> totalCount(@Source ActivityConnection connection) {
        return connection.total().map(Long::intValue);
    }
}
