package org.lyceum.object;

import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.lyceum.account.AccountService;
import org.lyceum.account.PersonQueries;
import org.lyceum.account.PersonView;
import org.lyceum.common.Check;
import org.lyceum.common.GlobalId;
import org.lyceum.community.CommunityQueries;
import org.lyceum.community.CommunityService;
import org.lyceum.community.CommunityView;
import org.lyceum.content.CollectionView;
import org.lyceum.content.CommentView;
import org.lyceum.content.ContentDeletion;
import org.lyceum.content.ContentQueries;
import org.lyceum.content.ResourceView;
import org.lyceum.content.ThreadView;
import org.lyceum.graphql.Node;
import org.lyceum.social.ActivityView;
import org.lyceum.social.FeedQueries;

/** Relay's node(id) and deleteObject: the two operations that take any type of id. */
@GraphQLApi
public class ObjectGraphQL {

    private final AccountService accounts;
    private final PersonQueries people;
    private final CommunityQueries communities;
    private final CommunityService communityService;
    private final ContentQueries content;
    private final ContentDeletion deletion;
    private final FeedQueries feeds;

    ObjectGraphQL(
            AccountService accounts,
            PersonQueries people,
            CommunityQueries communities,
            CommunityService communityService,
            ContentQueries content,
            ContentDeletion deletion,
            FeedQueries feeds) {
        this.accounts = accounts;
        this.people = people;
        this.communities = communities;
        this.communityService = communityService;
        this.content = content;
        this.deletion = deletion;
        this.feeds = feeds;
    }

    @Query("node")
    @Description("Any object by its global id; null when it does not exist or the caller may not see it.")
    public Uni<Node> node(@Name("id") @Id @NonNull String id) {
        GlobalId gid = GlobalId.decode("id", id);
        return accounts.viewer().chain(v -> {
            Uni<? extends Node> found =
                    switch (gid.type()) {
                        case PersonView.TYPE -> people.byId(v, gid.uuid());
                        case CommunityView.TYPE -> communities.byId(v, gid.uuid());
                        case ActivityView.TYPE -> feeds.byId(v, gid.uuid());
                        case CollectionView.TYPE, ResourceView.TYPE, ThreadView.TYPE, CommentView.TYPE ->
                            content.byId(v, gid.uuid())
                                    .map(c -> c != null
                                                    && GlobalId.decode("id", c.getId())
                                                            .type()
                                                            .equals(gid.type())
                                            ? c
                                            : null);
                        default -> Uni.createFrom().nullItem();
                    };
            return found.map(n -> (Node) n);
        });
    }

    @Mutation("deleteObject")
    @Description("Deletes a community (its owner, instance admins) or a collection, resource, thread or comment "
            + "(its author only: moderators and instance staff use removeObject). Comments leave a tombstone.")
    public Uni<DeleteObjectPayload> deleteObject(@Name("input") @NonNull DeleteObjectInput input) {
        GlobalId gid = GlobalId.decode(
                "id",
                input.id(),
                CommunityView.TYPE,
                CollectionView.TYPE,
                ResourceView.TYPE,
                ThreadView.TYPE,
                CommentView.TYPE);
        // Checked still, so a bad value is refused as before; moderators' reasons go to removeObject now.
        Check.optional("reason", input.reason(), Check.REASON_MAX);
        return accounts.requireViewer()
                .chain(v -> gid.type().equals(CommunityView.TYPE)
                        ? communityService.delete(v, gid.uuid())
                        : deletion.delete(v, gid.type(), gid.uuid()))
                .replaceWith(new DeleteObjectPayload(input.id()));
    }
}
