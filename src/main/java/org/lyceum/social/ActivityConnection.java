package org.lyceum.social;

import io.smallrye.mutiny.Uni;
import java.util.List;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.lyceum.common.Page;
import org.lyceum.graphql.PageInfo;

@Name("ActivityConnection")
public record ActivityConnection(
        @NonNull List<@NonNull Edge> edges, @NonNull PageInfo pageInfo, @Ignore Uni<Long> total) {

    @Name("ActivityEdge")
    public record Edge(@NonNull String cursor, @NonNull ActivityView node) {}

    static ActivityConnection of(Page<ActivityView> page, Uni<Long> total) {
        return new ActivityConnection(
                page.edges().stream().map(e -> new Edge(e.cursor(), e.node())).toList(), PageInfo.of(page), total);
    }
}
