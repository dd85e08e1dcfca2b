package org.lyceum.graphql;

import org.eclipse.microprofile.graphql.Name;
import org.jspecify.annotations.Nullable;
import org.lyceum.common.Page;

@Name("PageInfo")
public record PageInfo(
        boolean hasNextPage, boolean hasPreviousPage, @Nullable String startCursor, @Nullable String endCursor) {

    public static PageInfo of(Page<?> page) {
        return new PageInfo(page.hasNextPage(), page.hasPreviousPage(), page.startCursor(), page.endCursor());
    }
}
