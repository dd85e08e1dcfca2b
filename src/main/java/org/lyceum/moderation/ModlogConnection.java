package org.lyceum.moderation;

import java.util.List;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.lyceum.common.Page;
import org.lyceum.graphql.PageInfo;

@Name("ModlogConnection")
public record ModlogConnection(@NonNull List<@NonNull Edge> edges, @NonNull PageInfo pageInfo) {

    @Name("ModlogEdge")
    public record Edge(@NonNull String cursor, @NonNull ModlogEntryView node) {}

    static ModlogConnection of(Page<ModlogEntryView> page) {
        return new ModlogConnection(
                page.edges().stream().map(e -> new Edge(e.cursor(), e.node())).toList(), PageInfo.of(page));
    }
}
