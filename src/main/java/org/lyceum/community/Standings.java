package org.lyceum.community;

import org.lyceum.database.SqlRow;

/** Maps the standing columns (id, visibility, deleted, remote, role, state, banned) that several queries select. */
public final class Standings {

    /** Whether viewer $1 is banned from community {@code m} now (a ban with an end stops holding at it). */
    static final String BANNED = "exists(select 1 from community_ban where community_id = m.id and person_id = $1 and "
            + CommunityQueries.BAN_IN_FORCE + ")";

    /** Select-list items for community alias {@code m}, viewer $1. */
    public static final String COLUMNS =
            "m.id s_community, m.visibility s_visibility, m.deleted_at is not null s_deleted, m.host is not null s_remote, "
                    + "(select x.role from membership x where x.community_id = m.id and x.person_id = $1) s_role, "
                    + "(select x.state from membership x where x.community_id = m.id and x.person_id = $1) s_state, "
                    + BANNED + " s_banned";

    private Standings() {}

    static Standing from(SqlRow r) {
        return new Standing(
                r.getUUID("id"),
                Visibility.valueOf(r.getString("visibility")),
                r.getBoolean("deleted"),
                r.getBoolean("remote"),
                r.getString("role") == null ? null : CommunityRole.valueOf(r.getString("role")),
                r.getString("state") == null ? null : MembershipState.valueOf(r.getString("state")),
                r.getBoolean("banned"));
    }

    /** From the {@link #COLUMNS} of a wider row. */
    public static Standing fromPrefixed(SqlRow r) {
        return new Standing(
                r.getUUID("s_community"),
                Visibility.valueOf(r.getString("s_visibility")),
                r.getBoolean("s_deleted"),
                r.getBoolean("s_remote"),
                r.getString("s_role") == null ? null : CommunityRole.valueOf(r.getString("s_role")),
                r.getString("s_state") == null ? null : MembershipState.valueOf(r.getString("s_state")),
                r.getBoolean("s_banned"));
    }
}
