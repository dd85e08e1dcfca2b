package org.lyceum.search;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.lyceum.account.PersonView;
import org.lyceum.account.Viewer;
import org.lyceum.community.CommunityView;
import org.lyceum.content.ContentLoader;
import org.lyceum.database.Sql;
import org.lyceum.database.SqlRow;
import org.lyceum.graphql.Batches;
import org.lyceum.graphql.Node;

/**
 * The nodes of a page of hits, a statement per kind of table: content through {@link ContentLoader}
 * (which also applies the content visibility rule again), people and communities here.
 */
@ApplicationScoped
class SearchNodes {

    private record Load(String table, @Nullable UUID viewer) {}

    private final Sql sql;
    private final Batches batches;
    private final ContentLoader content;

    SearchNodes(Sql sql, Batches batches, ContentLoader content) {
        this.sql = sql;
        this.batches = batches;
        this.content = content;
    }

    /** Null when the object went away (or out of sight) since the hit was read. */
    Uni<@Nullable Node> node(Viewer viewer, SearchIndex.Hit hit) {
        return switch (hit.kind()) {
            case "PERSON" -> load(viewer, "person", PersonView.columns("t", ""), hit.id(), r -> PersonView.from(r, ""));
            case "COMMUNITY" ->
                load(viewer, "community", CommunityView.columns("t", ""), hit.id(), r -> CommunityView.from(r, ""));
            default -> content.byId(viewer, hit.id()).map(c -> (Node) c);
        };
    }

    private <T extends Node> Uni<@Nullable Node> load(
            Viewer viewer, String table, String columns, UUID id, Function<SqlRow, @Nullable T> from) {
        return batches.load(new Load(table, viewer.personId()), id, (List<UUID> ids) -> sql.list(
                                "select " + columns + " from " + table + " t where t.id = any($2)",
                                from,
                                viewer.personId(),
                                ids.toArray(UUID[]::new))
                        .map(rows -> {
                            Map<UUID, Node> byId = new HashMap<>(rows.size() * 2);
                            for (T row : rows) {
                                if (row != null) {
                                    byId.put(
                                            org.lyceum.common.GlobalId.decode("id", row.getId())
                                                    .uuid(),
                                            row);
                                }
                            }
                            return byId;
                        }))
                .map(n -> (Node) n);
    }
}
