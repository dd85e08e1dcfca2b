package org.lyceum.community;

import io.smallrye.mutiny.Uni;
import java.util.List;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.lyceum.common.Page;
import org.lyceum.graphql.PageInfo;

@Name("MemberConnection")
public record MemberConnection(
        @NonNull List<@NonNull Edge> edges, @NonNull PageInfo pageInfo, @Ignore Uni<Long> total) {

    @Name("MemberEdge")
    public record Edge(@NonNull String cursor, @NonNull MemberView node) {}

    static MemberConnection of(Page<MemberView> page, Uni<Long> total) {
        return new MemberConnection(
                page.edges().stream().map(e -> new Edge(e.cursor(), e.node())).toList(), PageInfo.of(page), total);
    }
}
