package org.lyceum.community;

import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.lyceum.account.PersonView;
import org.lyceum.database.SqlRow;

@Name("Member")
public record MemberView(
        @NonNull PersonView person,
        @NonNull CommunityRole role,
        @NonNull MembershipState state,
        @NonNull OffsetDateTime since,
        @Ignore UUID communityId) {

    static MemberView from(SqlRow r, UUID communityId) {
        return new MemberView(
                Objects.requireNonNull(PersonView.from(r, "p_"), "a member is joined by its person id"),
                CommunityRole.valueOf(r.getString("role")),
                MembershipState.valueOf(r.getString("state")),
                r.getOffsetDateTime("since"),
                communityId);
    }
}
