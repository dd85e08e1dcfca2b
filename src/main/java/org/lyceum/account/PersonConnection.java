package org.lyceum.account;

import io.smallrye.mutiny.Uni;
import java.util.List;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.lyceum.common.Page;
import org.lyceum.graphql.PageInfo;

/** A page of people: a person's followers, or the people they follow. */
@Name("PersonConnection")
public record PersonConnection(
        @NonNull List<@NonNull Edge> edges, @NonNull PageInfo pageInfo, @Ignore Uni<Long> total) {

    @Name("PersonEdge")
    public record Edge(@NonNull String cursor, @NonNull PersonView node) {}

    public static PersonConnection of(Page<PersonView> page, Uni<Long> total) {
        return new PersonConnection(
                page.edges().stream().map(e -> new Edge(e.cursor(), e.node())).toList(), PageInfo.of(page), total);
    }
}
