package org.lyceum.common;

import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** A page read with a {@link Keyset}: its edges and whether there is more on either side. */
public record Page<T>(List<Edge<T>> edges, boolean hasNextPage, boolean hasPreviousPage) {

    public record Edge<T>(String cursor, T node) {}

    public static <T> Page<T> empty() {
        return new Page<>(List.of(), false, false);
    }

    public <R> Page<R> map(Function<T, R> f) {
        return new Page<>(
                edges.stream()
                        .map(e -> new Edge<>(e.cursor(), f.apply(e.node())))
                        .toList(),
                hasNextPage,
                hasPreviousPage);
    }

    public @Nullable String startCursor() {
        return edges.isEmpty() ? null : edges.get(0).cursor();
    }

    public @Nullable String endCursor() {
        return edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
    }
}
