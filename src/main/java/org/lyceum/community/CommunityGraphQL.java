package org.lyceum.community;

import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;
import org.lyceum.account.AccountService;
import org.lyceum.account.PersonView;
import org.lyceum.common.PageRequest;
import org.lyceum.ratelimit.RateClass;
import org.lyceum.ratelimit.RateLimits;

@GraphQLApi
public class CommunityGraphQL {

    private final CommunityService communities;
    private final MembershipService memberships;
    private final CommunityQueries queries;
    private final MemberLoader members;
    private final AccountService accounts;

    private final RateLimits limits;

    CommunityGraphQL(
            CommunityService communities,
            MembershipService memberships,
            CommunityQueries queries,
            MemberLoader members,
            AccountService accounts,
            RateLimits limits) {
        this.limits = limits;
        this.memberships = memberships;
        this.communities = communities;
        this.queries = queries;
        this.members = members;
        this.accounts = accounts;
    }

    @Query("community")
    @Description("A community by handle: its name here, or name@host for one of another instance.")
    public Uni<CommunityView> community(@Name("name") @NonNull String name) {
        return accounts.viewer().chain(v -> queries.byName(v, name));
    }

    @Query("communities")
    @Description("Public and private communities by name, and those the caller belongs to.")
    public Uni<@NonNull CommunityConnection> communities(
            @Name("first") Integer first,
            @Name("after") String after,
            @Name("last") Integer last,
            @Name("before") String before,
            @Name("filter") CommunityFilter filter) {
        PageRequest page = PageRequest.of(first, after, last, before);
        return accounts.viewer().chain(v -> queries.list(v, page, filter)
                .map(p -> CommunityConnection.of(p, queries.count(v, filter))));
    }

    @Description("Members, oldest first; hidden (empty) for outsiders of a private community.")
    public Uni<@NonNull MemberConnection> members(
            @Source CommunityView community,
            @Name("first") Integer first,
            @Name("after") String after,
            @Name("last") Integer last,
            @Name("before") String before) {
        PageRequest page = PageRequest.of(first, after, last, before);
        if (community.memberCount() == null) {
            return Uni.createFrom()
                    .item(MemberConnection.of(
                            org.lyceum.common.Page.empty(), Uni.createFrom().item(0L)));
        }
        return accounts.viewer().chain(v -> members.members(v, community.uuid(), MembershipState.JOINED, page)
                .map(p -> MemberConnection.of(p, members.count(community.uuid(), MembershipState.JOINED))));
    }

    @Description("Join requests waiting for a decision, oldest first; owner and moderators only.")
    public Uni<@NonNull MemberConnection> joinRequests(
            @Source CommunityView community,
            @Name("first") Integer first,
            @Name("after") String after,
            @Name("last") Integer last,
            @Name("before") String before) {
        PageRequest page = PageRequest.of(first, after, last, before);
        if (community.myRole() == null || !community.myRole().moderates()) {
            return Uni.createFrom()
                    .failure(org.lyceum.common.DomainException.forbidden(
                            "only the community's owner and moderators see join requests"));
        }
        return accounts.viewer().chain(v -> members.members(v, community.uuid(), MembershipState.PENDING, page)
                .map(p -> MemberConnection.of(p, members.count(community.uuid(), MembershipState.PENDING))));
    }

    @Name("communities")
    @Description("The communities the person joined, newest membership first: public and unlisted ones, and "
            + "private ones only when the caller is a member too.")
    public Uni<@NonNull CommunityConnection> joinedCommunities(
            @Source PersonView person,
            @Name("first") Integer first,
            @Name("after") String after,
            @Name("last") Integer last,
            @Name("before") String before) {
        PageRequest page = PageRequest.of(first, after, last, before);
        return accounts.viewer().chain(v -> members.joinedBy(v, person.uuid(), page)
                .map(p -> CommunityConnection.of(p, members.joinedCount(v, person.uuid()))));
    }

    public Uni<@NonNull Integer> totalCount(@Source CommunityConnection connection) {
        return connection.total().map(Long::intValue);
    }

    public Uni<@NonNull Integer> totalCount(@Source MemberConnection connection) {
        return connection.total().map(Long::intValue);
    }

    @Mutation("createCommunity")
    @Description("Any signed-in person may create a community and becomes its owner.")
    public Uni<CommunityPayloads.OfCommunity> createCommunity(@Name("input") @NonNull CommunityInputs.Create input) {
        return limits.check(RateClass.CONTENT)
                .chain(() -> communities.create(input))
                .map(CommunityPayloads.OfCommunity::new);
    }

    @Mutation("updateCommunity")
    public Uni<CommunityPayloads.OfCommunity> updateCommunity(@Name("input") @NonNull CommunityInputs.Update input) {
        return limits.check(RateClass.CONTENT)
                .chain(() -> communities.update(input))
                .map(CommunityPayloads.OfCommunity::new);
    }

    @Mutation("joinCommunity")
    @Description("Joins a public or unlisted community, or asks to join a private one (myMembership: PENDING).")
    public Uni<CommunityPayloads.OfCommunity> joinCommunity(@Name("input") @NonNull CommunityInputs.Target input) {
        return memberships.join(input).map(CommunityPayloads.OfCommunity::new);
    }

    @Mutation("leaveCommunity")
    public Uni<CommunityPayloads.OfCommunity> leaveCommunity(@Name("input") @NonNull CommunityInputs.Target input) {
        return memberships.leave(input).map(CommunityPayloads.OfCommunity::new);
    }

    @Mutation("decideJoinRequest")
    public Uni<CommunityPayloads.OfMember> decideJoinRequest(@Name("input") @NonNull CommunityInputs.Decide input) {
        return memberships.decide(input);
    }

    @Mutation("setMemberRole")
    public Uni<CommunityPayloads.OfMember> setMemberRole(@Name("input") @NonNull CommunityInputs.SetRole input) {
        return memberships.setRole(input);
    }

    @Mutation("transferCommunity")
    public Uni<CommunityPayloads.OfCommunity> transferCommunity(
            @Name("input") @NonNull CommunityInputs.Transfer input) {
        return memberships.transfer(input).map(CommunityPayloads.OfCommunity::new);
    }
}
