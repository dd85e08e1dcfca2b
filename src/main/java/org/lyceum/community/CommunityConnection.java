package org.lyceum.community;

import io.smallrye.mutiny.Uni;
import java.util.List;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.lyceum.common.Page;
import org.lyceum.graphql.PageInfo;

@Name("CommunityConnection")
public record CommunityConnection(
        @NonNull List<@NonNull Edge> edges, @NonNull PageInfo pageInfo, @Ignore Uni<Long> total) {

    @Name("CommunityEdge")
    public record Edge(@NonNull String cursor, @NonNull CommunityView node) {}

    static CommunityConnection of(Page<CommunityView> page, Uni<Long> total) {
        return new CommunityConnection(
                page.edges().stream().map(e -> new Edge(e.cursor(), e.node())).toList(), PageInfo.of(page), total);
    }
}
