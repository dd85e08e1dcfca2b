package org.lyceum.content;

import io.smallrye.mutiny.Uni;
import java.util.List;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.lyceum.common.Page;
import org.lyceum.graphql.PageInfo;

@Name("CollectionConnection")
public record CollectionConnection(
        @NonNull List<@NonNull Edge> edges, @NonNull PageInfo pageInfo, @Ignore Uni<Long> total) {

    @Name("CollectionEdge")
    public record Edge(@NonNull String cursor, @NonNull CollectionView node) {}

    public static CollectionConnection of(Page<Content> page, Uni<Long> total) {
        return new CollectionConnection(
                page.edges().stream()
                        .map(e -> new Edge(e.cursor(), (CollectionView) e.node()))
                        .toList(),
                PageInfo.of(page),
                total);
    }
}
