package org.lyceum.notification;

import io.smallrye.mutiny.Uni;
import java.util.List;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.lyceum.common.Page;
import org.lyceum.graphql.PageInfo;

@Name("NotificationConnection")
public record NotificationConnection(
        @NonNull List<@NonNull Edge> edges, @NonNull PageInfo pageInfo, @Ignore Uni<Long> total) {

    @Name("NotificationEdge")
    public record Edge(@NonNull String cursor, @NonNull NotificationView node) {}

    static NotificationConnection of(Page<NotificationView> page, Uni<Long> total) {
        return new NotificationConnection(
                page.edges().stream().map(e -> new Edge(e.cursor(), e.node())).toList(), PageInfo.of(page), total);
    }
}
