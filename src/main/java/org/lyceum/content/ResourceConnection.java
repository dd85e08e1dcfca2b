package org.lyceum.content;

import io.smallrye.mutiny.Uni;
import java.util.List;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.lyceum.common.Page;
import org.lyceum.graphql.PageInfo;

@Name("ResourceConnection")
public record ResourceConnection(
        @NonNull List<@NonNull Edge> edges, @NonNull PageInfo pageInfo, @Ignore Uni<Long> total) {

    @Name("ResourceEdge")
    public record Edge(@NonNull String cursor, @NonNull ResourceView node) {}

    public static ResourceConnection of(Page<Content> page, Uni<Long> total) {
        return new ResourceConnection(
                page.edges().stream()
                        .map(e -> new Edge(e.cursor(), (ResourceView) e.node()))
                        .toList(),
                PageInfo.of(page),
                total);
    }
}
