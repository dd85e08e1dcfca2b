package org.lyceum.community;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lyceum.account.PersonView;
import org.lyceum.account.Viewer;
import org.lyceum.common.Keyset;
import org.lyceum.common.Page;
import org.lyceum.common.PageBatch;
import org.lyceum.common.PageRequest;
import org.lyceum.database.Sql;
import org.lyceum.graphql.Batches;

/** Members and join requests of communities as GraphQL asks for them per item of a list, batched. */
@ApplicationScoped
class MemberLoader {

    private static final Keyset BY_SINCE = Keyset.ascending("ms.created_at", "timestamptz", "ms.person_id", "uuid");

    private record PageLoad(MembershipState state, @Nullable UUID viewer, boolean backward) {}

    private record CountLoad(MembershipState state) {}

    private final Sql sql;
    private final Batches batches;

    MemberLoader(Sql sql, Batches batches) {
        this.sql = sql;
        this.batches = batches;
    }

    /** Joined members, or with {@code state} PENDING the join requests, oldest first. */
    Uni<Page<MemberView>> members(Viewer viewer, UUID communityId, MembershipState state, PageRequest page) {
        BY_SINCE.cursorValues(page); // a bad cursor fails this field alone, not its whole batch
        return batches.load(
                new PageLoad(state, viewer.personId(), page.backward()),
                new PageBatch.Key(communityId, page),
                keys -> PageBatch.load(
                        sql,
                        BY_SINCE,
                        page.backward(),
                        "ms.community_id, ms.role, ms.state, ms.created_at since, " + PersonView.columns("p", "p_"),
                        "from membership ms join person p on p.id = ms.person_id where ms.community_id = batch.parent"
                                + " and ms.state = '" + state.name() + "'",
                        viewer.personId(),
                        keys,
                        r -> MemberView.from(r, r.getUUID("community_id"))));
    }

    Uni<Long> count(UUID communityId, MembershipState state) {
        return batches.load(new CountLoad(state), communityId, ids -> sql.list(
                        "select community_id, count(*) n from membership where community_id = any($1) and state = $2"
                                + " group by community_id",
                        r -> Map.entry(r.getUUID("community_id"), r.getLong("n")),
                        ids.toArray(UUID[]::new),
                        state.name())
                .map(rows -> {
                    Map<UUID, Long> counts = new HashMap<>(ids.size() * 2);
                    ids.forEach(id -> counts.put(id, 0L));
                    rows.forEach(e -> counts.put(e.getKey(), e.getValue()));
                    return counts;
                }));
    }
}
