package org.lyceum.federation;

import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.lyceum.account.AccountService;
import org.lyceum.account.PersonQueries;
import org.lyceum.common.DomainException;
import org.lyceum.community.CommunityQueries;
import org.lyceum.content.ContentQueries;
import org.lyceum.federation.resolve.Resolver;
import org.lyceum.graphql.Node;
import org.lyceum.ratelimit.RateClass;
import org.lyceum.ratelimit.RateLimits;

@GraphQLApi
public class ResolveGraphQL {

    private final AccountService accounts;
    private final Resolver resolver;
    private final CommunityQueries communities;
    private final PersonQueries people;
    private final ContentQueries content;

    private final RateLimits limits;

    ResolveGraphQL(
            AccountService accounts,
            Resolver resolver,
            CommunityQueries communities,
            PersonQueries people,
            ContentQueries content,
            RateLimits limits) {
        this.limits = limits;
        this.accounts = accounts;
        this.resolver = resolver;
        this.communities = communities;
        this.people = people;
        this.content = content;
    }

    @Query("resolve")
    @Description("A person or community by handle (@name@host) or URL, or a resource, collection, thread or comment"
            + " by URL, here or on another server. Remote ones are fetched (content with its author, community and"
            + " the thread it replies to) and can then be followed, joined, liked and replied to like local ones."
            + " Signed-in users only.")
    public Uni<Node> resolve(@Name("query") @NonNull String query) {
        return limits.check(RateClass.REMOTE_FETCH)
                .chain(accounts::requireViewer)
                .chain(viewer -> resolver.resolve(query)
                        .chain(found -> switch (found.kind()) {
                            case COMMUNITY ->
                                communities.byId(viewer, found.id()).map(n -> (Node) n);
                            case PERSON -> people.byId(viewer, found.id()).map(n -> (Node) n);
                            case CONTENT -> content.byId(viewer, found.id()).map(n -> (Node) n);
                        })
                        // What the caller may not see is not found, as for the URL of nothing.
                        .onItem()
                        .ifNull()
                        .failWith(() -> DomainException.notFound("person, community or content")));
    }
}
