package org.lyceum.live;

import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.UUID;
import java.util.function.BiFunction;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.jspecify.annotations.Nullable;
import org.lyceum.account.AccountService;
import org.lyceum.account.Viewer;
import org.lyceum.common.DomainException;
import org.lyceum.common.GlobalId;
import org.lyceum.community.CommunityView;
import org.lyceum.content.CommentView;
import org.lyceum.content.ThreadView;
import org.lyceum.notification.NotificationView;
import org.lyceum.social.ActivityView;

/**
 * The subscriptions (graphql-transport-ws on {@code /graphql}, docs/architecture.md). Each checks
 * that the caller sees what they subscribe to, and every event is checked again when it comes
 * ({@link Audience}). A refusal is the protocol's {@code error} message ({@link LiveConnection}).
 */
@GraphQLApi
public class LiveGraphQL {

    private final AccountService accounts;
    private final LiveQueries queries;
    private final ActivityEvents activities;
    private final NotificationEvents notifications;

    LiveGraphQL(
            AccountService accounts, LiveQueries queries, ActivityEvents activities, NotificationEvents notifications) {
        this.accounts = accounts;
        this.queries = queries;
        this.activities = activities;
        this.notifications = notifications;
    }

    @Subscription("notificationAdded")
    @Description("The caller's notifications from now on, as they are written on any instance of the cluster. "
            + "Signed-in callers only (UNAUTHENTICATED).")
    public Multi<@NonNull NotificationView> notificationAdded() {
        return accounts.viewer().onItem().transformToMulti(viewer -> {
            UUID me = viewer.personId();
            if (me == null) {
                // SubscriptionGate refuses anonymous callers before this runs; this is the backstop.
                return Multi.createFrom().failure(DomainException.unauthenticated());
            }
            return notifications.of(me);
        });
    }

    @Subscription("commentAdded")
    @Description("Every comment added to a thread from now on, wherever it was written (this instance, another "
            + "instance of the cluster, another server), as long as the caller may see the thread. NOT_FOUND "
            + "for a thread that does not exist or that the caller cannot see.")
    public Multi<@NonNull CommentView> commentAdded(@Name("threadId") @Id @NonNull String threadId) {
        return subscribe(threadId, ThreadView.TYPE, queries::threadVisible, activities::comments);
    }

    @Subscription("communityFeedAdded")
    @Description("Every item of communityFeed from now on, as it is created, as long as the caller may see the "
            + "community. NOT_FOUND for a community that does not exist or that the caller cannot see.")
    public Multi<@NonNull ActivityView> communityFeedAdded(@Name("communityId") @Id @NonNull String communityId) {
        return subscribe(communityId, CommunityView.TYPE, queries::communityVisible, activities::feed);
    }

    private <T> Multi<T> subscribe(
            String id,
            String type,
            BiFunction<Viewer, UUID, Uni<Boolean>> visible,
            BiFunction<UUID, @Nullable UUID, Multi<T>> listen) {
        UUID uuid;
        try {
            uuid = GlobalId.uuid("id", id, type);
        } catch (DomainException e) {
            return Multi.createFrom().failure(LiveConnection.notFound());
        }
        return accounts.viewer()
                .chain(viewer -> visible.apply(viewer, uuid).map(seen -> {
                    if (!seen) {
                        throw LiveConnection.notFound();
                    }
                    return viewer;
                }))
                .onItem()
                .transformToMulti(viewer -> listen.apply(uuid, viewer.personId()));
    }
}
