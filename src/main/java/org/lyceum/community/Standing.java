package org.lyceum.community;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A community as permission checks need it, and the caller's place in it; remote ones live on
 * another server. {@code banned}: the caller is banned from the community (a ban also ends the
 * membership, so a banned person is never {@link #joined()}).
 */
public record Standing(
        UUID communityId,
        Visibility visibility,
        boolean deleted,
        boolean remote,
        @Nullable CommunityRole role,
        @Nullable MembershipState state,
        boolean banned) {

    public boolean joined() {
        return state == MembershipState.JOINED;
    }

    public boolean moderator() {
        return joined() && role != null && role.moderates();
    }

    public boolean owner() {
        return joined() && role == CommunityRole.OWNER;
    }
}
