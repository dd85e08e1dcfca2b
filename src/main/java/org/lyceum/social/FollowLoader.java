package org.lyceum.social;

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
 * A person's followers and the people they follow, newest follow first, per person of a list and
 * batched (one statement for the pages, one for the counts). Only accepted follows of people count:
 * a follow still waiting for a remote server's Accept is not a follow yet, and follows of
 * communities and collections are not listed (docs/permissions.md).
 */
@ApplicationScoped
class FollowLoader {

    private static final Keyset NEWEST = Keyset.descending("f.created_at", "timestamptz", "f.id", "uuid");

    /** Which side of the follow the listed people are on. */
    enum Side {
        /** The people who follow the parent. */
        FOLLOWERS("f.follower_id", "f.person_id"),
        /** The people the parent follows. */
        FOLLOWING("f.person_id", "f.follower_id");

        final String listed;
        final String parent;

        Side(String listed, String parent) {
            this.listed = listed;
            this.parent = parent;
        }
    }

    private record PageLoad(Side side, @Nullable UUID viewer, boolean backward) {}

    private record CountLoad(Side side) {}

    private static final String ACCEPTED = " f.person_id is not null and f.state = 'ACCEPTED'";

    private final Sql sql;
    private final Batches batches;

    FollowLoader(Sql sql, Batches batches) {
        this.sql = sql;
        this.batches = batches;
    }

    Uni<Page<PersonView>> page(Viewer viewer, UUID personId, Side side, PageRequest page) {
        NEWEST.cursorValues(page); // a bad cursor fails this field alone, not its whole batch
        return batches.load(
                new PageLoad(side, viewer.personId(), page.backward()),
                new PageBatch.Key(personId, page),
                keys -> PageBatch.load(
                        sql,
                        NEWEST,
                        page.backward(),
                        PersonView.columns("p", ""),
                        "from follow f join person p on p.id = " + side.listed + " where " + side.parent
                                + " = batch.parent and" + ACCEPTED,
                        viewer.personId(),
                        keys,
                        r -> Objects.requireNonNull(PersonView.from(r, ""), "a follow's person is joined by its id")));
    }

    Uni<Long> count(UUID personId, Side side) {
        return batches.load(new CountLoad(side), personId, ids -> sql.list(
                        "select " + side.parent + " parent, count(*) n from follow f where " + side.parent
                                + " = any($1) and" + ACCEPTED + " group by " + side.parent,
                        r -> Map.entry(r.getUUID("parent"), r.getLong("n")),
                        (Object) ids.toArray(UUID[]::new))
                .map(rows -> {
                    Map<UUID, Long> counts = new HashMap<>(ids.size() * 2);
                    ids.forEach(id -> counts.put(id, 0L));
                    rows.forEach(e -> counts.put(e.getKey(), e.getValue()));
                    return counts;
                }));
    }
}
