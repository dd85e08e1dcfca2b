package org.lyceum.live;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.lyceum.account.Suspensions;
import org.lyceum.block.Blocks;
import org.lyceum.community.Permissions;
import org.lyceum.database.SqlRow;

/**
 * Which subscribers may see an event, decided in the statement that reads it: their person ids go
 * in as the array $2 and the column {@code allowed} holds the ordinals (from 1) of those for whom
 * {@link Permissions#visibleTo} holds, read from the database at that moment (membership, bans,
 * blocks, suspension and deletion as they are now). One statement for 2 000 subscribers as for one.
 */
final class Audience {

    /** Anonymous subscribers go in as this id, which no one has: they see what is not private. */
    private static final UUID NOBODY = new UUID(0, 0);

    /** The column, given the content's community as alias {@code m}. */
    static final String ALLOWED = "array(select s.i from unnest($2::uuid[]) with ordinality s(id, i) where "
            + Permissions.visibleTo("s.id") + " and not " + Blocks.hiddenContent("s.id") + " and "
            + listening("s.id") + ") allowed";

    private Audience() {}

    /**
     * SQL: the subscriber whose person id is {@code person} may still be told anything: not
     * suspended, account not deleted. A subscription opened before either stays open (on whichever
     * instance) but hears nothing.
     */
    static String listening(String person) {
        return Suspensions.notSuspended(person) + " and not exists(select 1 from person sd where sd.id = " + person
                + " and sd.deleted_at is not null)";
    }

    static <T> UUID[] people(List<Listeners.Listener<T>> listeners) {
        UUID[] ids = new UUID[listeners.size()];
        for (int i = 0; i < ids.length; i++) {
            UUID id = listeners.get(i).personId();
            ids[i] = id == null ? NOBODY : id;
        }
        return ids;
    }

    /** The listeners the row's {@code allowed} column names. */
    static <T> List<Listeners.Listener<T>> allowed(SqlRow row, List<Listeners.Listener<T>> listeners) {
        Long[] ordinals = row.getArrayOfLongs("allowed");
        List<Listeners.Listener<T>> out = new ArrayList<>(ordinals.length);
        for (Long ordinal : ordinals) {
            out.add(listeners.get(ordinal.intValue() - 1));
        }
        return out;
    }
}
