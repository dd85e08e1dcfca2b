package org.lyceum.community;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
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

/**
 * Members and join requests of communities, and the communities people joined, as GraphQL asks
 * for them per item of a list, batched.
 */
@ApplicationScoped
class MemberLoader {

    private static final Keyset BY_SINCE = Keyset.ascending("ms.created_at", "timestamptz", "ms.person_id", "uuid");

    private record PageLoad(MembershipState state, @Nullable UUID viewer, boolean backward) {}

    private record CountLoad(MembershipState state) {}

    /** Newest membership first. */
    private static final Keyset BY_JOINED = Keyset.descending("ms.created_at", "timestamptz", "m.id", "uuid");

    /** The communities a person joined that the viewer may see: {@link Permissions#VISIBLE_SQL}. */
    private static final String JOINED_BY = "from membership ms join community m on m.id = ms.community_id"
            + " where ms.state = 'JOINED' and " + Permissions.VISIBLE_SQL;

    private record JoinedLoad(@Nullable UUID viewer, boolean backward) {}

    private record JoinedCountLoad(@Nullable UUID viewer) {}

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

    /**
     * The communities the person joined, newest membership first: public and unlisted ones, and
     * private ones only when the viewer is a member too, so a private membership never shows to
     * outsiders.
     */
    Uni<Page<CommunityView>> joinedBy(Viewer viewer, UUID personId, PageRequest page) {
        BY_JOINED.cursorValues(page); // a bad cursor fails this field alone, not its whole batch
        return batches.load(
                new JoinedLoad(viewer.personId(), page.backward()),
                new PageBatch.Key(personId, page),
                keys -> PageBatch.load(
                        sql,
                        BY_JOINED,
                        page.backward(),
                        CommunityView.columns("m", ""),
                        JOINED_BY + " and ms.person_id = batch.parent",
                        viewer.personId(),
                        keys,
                        r -> Objects.requireNonNull(CommunityView.from(r, ""), "a community row has an id")));
    }

    Uni<Long> joinedCount(Viewer viewer, UUID personId) {
        return batches.load(new JoinedCountLoad(viewer.personId()), personId, ids -> sql.list(
                        "select ms.person_id, count(*) n " + JOINED_BY + " and ms.person_id = any($2)"
                                + " group by ms.person_id",
                        r -> Map.entry(r.getUUID("person_id"), r.getLong("n")),
                        viewer.personId(),
                        ids.toArray(UUID[]::new))
                .map(rows -> {
                    Map<UUID, Long> counts = new HashMap<>(ids.size() * 2);
                    ids.forEach(id -> counts.put(id, 0L));
                    rows.forEach(e -> counts.put(e.getKey(), e.getValue()));
                    return counts;
                }));
    }
}
