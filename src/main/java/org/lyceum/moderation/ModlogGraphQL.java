package org.lyceum.moderation;

import io.smallrye.mutiny.Uni;
import java.util.UUID;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;
import org.lyceum.account.AccountService;
import org.lyceum.account.PersonView;
import org.lyceum.common.GlobalId;
import org.lyceum.common.PageRequest;
import org.lyceum.community.CommunityView;
import org.lyceum.graphql.Node;
import org.lyceum.notification.NodeLoader;

@GraphQLApi
public class ModlogGraphQL {

    private final ModlogQueries queries;
    private final AccountService accounts;
    private final NodeLoader nodes;
    private final ModerationConfig config;

    ModlogGraphQL(ModlogQueries queries, AccountService accounts, NodeLoader nodes, ModerationConfig config) {
        this.queries = queries;
        this.accounts = accounts;
        this.nodes = nodes;
        this.config = config;
    }

    @Query("modlog")
    @Description("The moderation log, newest first: a community's (as visible as its content) or, without"
            + " communityId, the instance's (public).")
    public Uni<@NonNull ModlogConnection> modlog(
            @Name("communityId") @Id String communityId, @Name("first") Integer first, @Name("after") String after) {
        PageRequest page = PageRequest.forward(first, after);
        UUID community = communityId == null ? null : GlobalId.uuid("communityId", communityId, CommunityView.TYPE);
        return accounts.viewer().chain(v -> queries.page(v, community, page)).map(ModlogConnection::of);
    }

    @Description("Who acted; null unless lyceum.moderation.show-moderator-names is on or the caller is instance"
            + " staff, and when unknown (a remote group acting as itself).")
    public Uni<PersonView> moderator(@Source ModlogEntryView e) {
        UUID id = e.moderatorId();
        if (id == null) {
            return Uni.createFrom().nullItem();
        }
        return accounts.viewer()
                .chain(v -> config.showModeratorNames() || v.instanceStaff()
                        ? nodes.person(id)
                        : Uni.createFrom().nullItem());
    }

    @Description("What was acted on, if it still exists and the caller may see it: content, a community or a person.")
    public Uni<Node> target(@Source ModlogEntryView e) {
        return nodes.node(e.targetType(), e.targetId());
    }

    @Description("The person the action was about: the banned or suspended, the author of what was acted on.")
    public Uni<PersonView> targetPerson(@Source ModlogEntryView e) {
        return nodes.person(e.targetPersonId());
    }

    @Description("The community whose log holds the entry; null for the instance log.")
    public Uni<CommunityView> community(@Source ModlogEntryView e) {
        return nodes.community(e.communityId());
    }
}
