package org.lyceum.content;

import io.smallrye.mutiny.Uni;
import java.util.List;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.lyceum.common.Page;
import org.lyceum.graphql.PageInfo;

/** A page of content of any kind: a person's contributions, the caller's bookmarks. */
@Name("ContentConnection")
public record ContentConnection(
        @NonNull List<@NonNull Edge> edges, @NonNull PageInfo pageInfo, @Ignore Uni<Long> total) {

    @Name("ContentEdge")
    public record Edge(@NonNull String cursor, @NonNull Content node) {}

    public static ContentConnection of(Page<Content> page, Uni<Long> total) {
        return new ContentConnection(
                page.edges().stream().map(e -> new Edge(e.cursor(), e.node())).toList(), PageInfo.of(page), total);
    }
}
