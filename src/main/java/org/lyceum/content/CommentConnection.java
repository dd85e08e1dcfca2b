package org.lyceum.content;

import io.smallrye.mutiny.Uni;
import java.util.List;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.lyceum.common.Page;
import org.lyceum.graphql.PageInfo;

@Name("CommentConnection")
public record CommentConnection(
        @NonNull List<@NonNull Edge> edges, @NonNull PageInfo pageInfo, @Ignore Uni<Long> total) {

    @Name("CommentEdge")
    public record Edge(@NonNull String cursor, @NonNull CommentView node) {}

    public static CommentConnection of(Page<Content> page, Uni<Long> total) {
        return new CommentConnection(
                page.edges().stream()
                        .map(e -> new Edge(e.cursor(), (CommentView) e.node()))
                        .toList(),
                PageInfo.of(page),
                total);
    }
}
