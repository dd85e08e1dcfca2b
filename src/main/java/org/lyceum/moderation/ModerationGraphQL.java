package org.lyceum.moderation;

import io.smallrye.mutiny.Uni;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.lyceum.community.CommunityView;
import org.lyceum.ratelimit.RateClass;
import org.lyceum.ratelimit.RateLimits;

@GraphQLApi
public class ModerationGraphQL {

    private final ModerationService moderation;
    private final BanService bans;

    private final RateLimits limits;

    ModerationGraphQL(ModerationService moderation, BanService bans, RateLimits limits) {
        this.limits = limits;
        this.bans = bans;
        this.moderation = moderation;
    }

    @Mutation("reportObject")
    @Description(
            "Reports content or a person to the community's moderators (and, for what another server hosts, to that server).")
    public Uni<@NonNull ReportView> reportObject(@Name("input") @NonNull ModerationInputs.Report input) {
        return limits.check(RateClass.REPORTS).chain(() -> moderation.report(input));
    }

    @Query("reports")
    @Description(
            "Open reports, newest first: of one community for its moderators, of everything for instance admins and moderators.")
    public Uni<@NonNull List<@NonNull ReportView>> reports(
            @Name("communityId") @org.eclipse.microprofile.graphql.Id String communityId,
            @Name("first") Integer first) {
        return moderation.reports(communityId, first);
    }

    @Mutation("resolveReport")
    @Description("Marks a report dealt with. The community's moderators, or instance staff.")
    public Uni<@NonNull ReportView> resolveReport(@Name("input") @NonNull ModerationInputs.Resolve input) {
        return moderation.resolve(input);
    }

    @Mutation("banFromCommunity")
    @Description(
            "Bans a person from a community: membership, follow and join requests end, and they cannot come back until"
                    + " unbanned. Moderators ban members and outsiders; only the owner bans moderators.")
    public Uni<@NonNull CommunityView> banFromCommunity(@Name("input") @NonNull ModerationInputs.Ban input) {
        return bans.ban(input);
    }

    @Mutation("unbanFromCommunity")
    public Uni<@NonNull CommunityView> unbanFromCommunity(@Name("input") @NonNull ModerationInputs.Unban input) {
        return bans.unban(input);
    }
}
