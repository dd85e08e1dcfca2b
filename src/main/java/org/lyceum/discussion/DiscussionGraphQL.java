package org.lyceum.discussion;

import io.smallrye.mutiny.Uni;
import java.util.UUID;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;
import org.lyceum.account.AccountService;
import org.lyceum.common.GlobalId;
import org.lyceum.common.PageRequest;
import org.lyceum.community.CommunityView;
import org.lyceum.content.CommentConnection;
import org.lyceum.content.CommentView;
import org.lyceum.content.Content;
import org.lyceum.content.ContentLoader;
import org.lyceum.content.ContentQueries;
import org.lyceum.content.ThreadConnection;
import org.lyceum.content.ThreadView;
import org.lyceum.ratelimit.RateClass;
import org.lyceum.ratelimit.RateLimits;

@GraphQLApi
public class DiscussionGraphQL {

    private final DiscussionService discussions;
    private final ContentQueries content;
    private final ContentLoader loader;
    private final AccountService accounts;

    private final RateLimits limits;

    DiscussionGraphQL(
            DiscussionService discussions,
            ContentQueries content,
            ContentLoader loader,
            AccountService accounts,
            RateLimits limits) {
        this.limits = limits;
        this.discussions = discussions;
        this.content = content;
        this.loader = loader;
        this.accounts = accounts;
    }

    @Query("thread")
    public Uni<ThreadView> thread(@Name("id") @Id @NonNull String id) {
        var uuid = GlobalId.uuid("id", id, ThreadView.TYPE);
        return accounts.viewer().chain(v -> content.byId(v, uuid, ThreadView.class));
    }

    @Description("The community's threads, newest first; empty for outsiders of a private community.")
    public Uni<@NonNull ThreadConnection> threads(
            @Source CommunityView community,
            @Name("first") Integer first,
            @Name("after") String after,
            @Name("last") Integer last,
            @Name("before") String before) {
        PageRequest page = PageRequest.of(first, after, last, before);
        return accounts.viewer().chain(v -> loader.threads(v, community.uuid(), page)
                .map(p -> ThreadConnection.of(p, loader.threadCount(v, community.uuid()))));
    }

    @Description("Every comment of the thread, oldest first, the first comment (the thread's text) included; "
            + "deleted ones stay as tombstones. inReplyTo gives the nesting.")
    public Uni<@NonNull CommentConnection> comments(
            @Source ThreadView thread,
            @Name("first") Integer first,
            @Name("after") String after,
            @Name("last") Integer last,
            @Name("before") String before) {
        PageRequest page = PageRequest.of(first, after, last, before);
        return accounts.viewer().chain(v -> loader.comments(v, thread.uuid(), page)
                .map(p -> CommentConnection.of(p, loader.commentCount(v, thread.uuid()))));
    }

    @Description("The resource or collection the thread is about, if any and still there.")
    public Uni<Content> about(@Source ThreadView thread) {
        UUID aboutId = thread.aboutId();
        return aboutId == null ? Uni.createFrom().nullItem() : accounts.viewer().chain(v -> loader.byId(v, aboutId));
    }

    @Description("Null only if the caller may no longer see the thread.")
    public Uni<ThreadView> thread(@Source CommentView comment) {
        return accounts.viewer().chain(v -> loader.byId(v, comment.threadId(), ThreadView.class));
    }

    @Description("The thread (for top-level replies) or comment this replies to; null for a thread's first comment.")
    public Uni<Content> inReplyTo(@Source CommentView comment) {
        UUID inReplyToId = comment.inReplyToId();
        return inReplyToId == null
                ? Uni.createFrom().nullItem()
                : accounts.viewer().chain(v -> loader.byId(v, inReplyToId));
    }

    public Uni<@NonNull Integer> totalCount(@Source ThreadConnection connection) {
        return connection.total().map(Long::intValue);
    }

    public Uni<@NonNull Integer> totalCount(@Source CommentConnection connection) {
        return connection.total().map(Long::intValue);
    }

    @Mutation("createThread")
    @Description("Members start threads; content is the first comment.")
    public Uni<DiscussionPayloads.OfThread> createThread(@Name("input") @NonNull DiscussionInputs.CreateThread input) {
        return limits.check(RateClass.CONTENT)
                .chain(() -> discussions.createThread(input))
                .map(DiscussionPayloads.OfThread::new);
    }

    @Mutation("createReply")
    @Description("Members reply to a thread or to a comment in it.")
    public Uni<DiscussionPayloads.OfComment> createReply(@Name("input") @NonNull DiscussionInputs.CreateReply input) {
        return limits.check(RateClass.CONTENT)
                .chain(() -> discussions.createReply(input))
                .map(DiscussionPayloads.OfComment::new);
    }

    @Mutation("updateComment")
    @Description("Authors edit their own comments.")
    public Uni<DiscussionPayloads.OfComment> updateComment(
            @Name("input") @NonNull DiscussionInputs.UpdateComment input) {
        return limits.check(RateClass.CONTENT)
                .chain(() -> discussions.updateComment(input))
                .map(DiscussionPayloads.OfComment::new);
    }
}
