package org.lyceum.graphql;

import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.lyceum.common.Page;

@Name("PageInfo")
public record PageInfo(
        @NonNull boolean hasNextPage, @NonNull boolean hasPreviousPage, String startCursor, String endCursor) {

    public static PageInfo of(Page<?> page) {
        return new PageInfo(page.hasNextPage(), page.hasPreviousPage(), page.startCursor(), page.endCursor());
    }
}
