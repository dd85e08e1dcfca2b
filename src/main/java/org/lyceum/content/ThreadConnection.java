package org.lyceum.content;

import io.smallrye.mutiny.Uni;
import java.util.List;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.lyceum.common.Page;
import org.lyceum.graphql.PageInfo;

@Name("ThreadConnection")
public record ThreadConnection(
        @NonNull List<@NonNull Edge> edges, @NonNull PageInfo pageInfo, @Ignore Uni<Long> total) {

    @Name("ThreadEdge")
    public record Edge(@NonNull String cursor, @NonNull ThreadView node) {}

    public static ThreadConnection of(Page<Content> page, Uni<Long> total) {
        return new ThreadConnection(
                page.edges().stream()
                        .map(e -> new Edge(e.cursor(), (ThreadView) e.node()))
                        .toList(),
                PageInfo.of(page),
                total);
    }
}
