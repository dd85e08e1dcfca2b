package org.lyceum.notification;

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
import org.lyceum.community.CommunityView;
import org.lyceum.graphql.Node;

@GraphQLApi
public class NotificationsGraphQL {

    private final NotificationQueries queries;
    private final AccountService accounts;
    private final NodeLoader nodes;

    NotificationsGraphQL(NotificationQueries queries, AccountService accounts, NodeLoader nodes) {
        this.queries = queries;
        this.accounts = accounts;
        this.nodes = nodes;
    }

    @Query("notifications")
    @Description(
            "The caller's notifications, newest first; kept for lyceum.notifications.keep. Signed-in callers only.")
    public Uni<@NonNull NotificationConnection> notifications(
            @Name("first") Integer first, @Name("after") String after, @Name("unreadOnly") Boolean unreadOnly) {
        PageRequest page = PageRequest.forward(first, after);
        boolean unread = Boolean.TRUE.equals(unreadOnly);
        return accounts.requireViewer().chain(v -> queries.page(v.requirePersonId(), unread, page)
                .map(p -> NotificationConnection.of(p, queries.count(v.requirePersonId(), unread))));
    }

    @Query("unreadNotificationCount")
    @Description("How many of the caller's notifications are unread; 0 for anonymous callers.")
    public Uni<@NonNull Integer> unreadNotificationCount() {
        return accounts.viewer()
                .chain(v -> v.signedIn()
                        ? queries.count(v.requirePersonId(), true).map(Long::intValue)
                        : Uni.createFrom().item(0));
    }

    @Mutation("markNotificationsRead")
    @Description("Marks the given notifications (or all: true) read; answers how many were unread.")
    public Uni<@NonNull Integer> markNotificationsRead(@Name("input") @NonNull MarkNotificationsReadInput input) {
        return accounts.requireViewer().chain(v -> queries.markRead(v.requirePersonId(), input));
    }

    public Uni<@NonNull Integer> totalCount(@Source NotificationConnection connection) {
        return connection.total().map(Long::intValue);
    }

    @Description("Who caused it; null when a server or a group did, or the person is gone.")
    public Uni<PersonView> actor(@Source NotificationView n) {
        return nodes.person(n.actorId());
    }

    @Description("The community it happened in, if any (and not deleted).")
    public Uni<CommunityView> community(@Source NotificationView n) {
        return nodes.community(n.communityId());
    }

    @Description("What it is about, if the caller may still see it: a reply, a comment, a community, a person.")
    public Uni<Node> object(@Source NotificationView n) {
        return nodes.node(n.objectType(), n.objectId());
    }
}
