package org.lyceum.live;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.lyceum.account.Viewer;
import org.lyceum.community.Permissions;
import org.lyceum.content.ContentSql;
import org.lyceum.database.Sql;

/** Whether a subscription may start: the thread or community exists and the caller sees it. */
@ApplicationScoped
class LiveQueries {

    private final Sql sql;

    LiveQueries(Sql sql) {
        this.sql = sql;
    }

    Uni<Boolean> threadVisible(Viewer viewer, UUID threadId) {
        return sql.one(
                        "select exists(select 1 from content c" + ContentSql.JOINS
                                + " where c.id = $2 and c.kind = 'THREAD' and c.deleted_at is null and"
                                + ContentSql.VISIBLE + ") seen",
                        r -> r.getBoolean("seen"),
                        viewer.personId(),
                        threadId)
                .map(Boolean.TRUE::equals);
    }

    Uni<Boolean> communityVisible(Viewer viewer, UUID communityId) {
        return sql.one(
                        "select exists(select 1 from community m where m.id = $2 and " + Permissions.VISIBLE_SQL
                                + ") seen",
                        r -> r.getBoolean("seen"),
                        viewer.personId(),
                        communityId)
                .map(Boolean.TRUE::equals);
    }
}
