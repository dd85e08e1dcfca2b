package org.lyceum.federation;

import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.lyceum.account.AccountService;
import org.lyceum.account.PersonQueries;
import org.lyceum.community.CommunityQueries;
import org.lyceum.federation.remote.Resolver;
import org.lyceum.graphql.Node;

@GraphQLApi
public class ResolveGraphQL {

    private final AccountService accounts;
    private final Resolver resolver;
    private final CommunityQueries communities;
    private final PersonQueries people;

    ResolveGraphQL(AccountService accounts, Resolver resolver, CommunityQueries communities, PersonQueries people) {
        this.accounts = accounts;
        this.resolver = resolver;
        this.communities = communities;
        this.people = people;
    }

    @Query("resolve")
    @Description(
            "A person or community by handle (@name@host) or URL, here or on another server; remote ones are fetched"
                    + " and can then be followed, joined and posted to like local ones. Signed-in users only.")
    public Uni<Node> resolve(@Name("query") @NonNull String query) {
        return accounts.requireViewer().chain(viewer -> resolver.resolve(query)
                .chain(found -> found.group()
                        ? communities.byId(viewer, found.id()).map(n -> (Node) n)
                        : people.byId(viewer, found.id()).map(n -> (Node) n)));
    }
}
