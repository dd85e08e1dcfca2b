package org.lyceum.discussion;

import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.lyceum.content.CommentView;
import org.lyceum.content.ThreadView;

public final class DiscussionPayloads {

    private DiscussionPayloads() {}

    @Name("ThreadPayload")
    public record OfThread(@NonNull ThreadView thread) {}

    @Name("CommentPayload")
    public record OfComment(@NonNull CommentView comment) {}
}
