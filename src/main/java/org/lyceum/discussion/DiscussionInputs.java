package org.lyceum.discussion;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

public final class DiscussionInputs {

    private DiscussionInputs() {}

    @Name("CreateThreadInput")
    public record CreateThread(
            @Id @NonNull String communityId,
            @NonNull String title,
            @NonNull @Description("The first comment.") String content,
            @Id @Description("A resource or collection of the same community the thread is about.") String aboutId) {}

    @Name("CreateReplyInput")
    public record CreateReply(
            @Id @NonNull @Description("The thread or the comment this replies to.") String inReplyTo,
            @NonNull String content) {}

    @Name("UpdateCommentInput")
    public record UpdateComment(@Id @NonNull String id, @NonNull String content) {}
}
