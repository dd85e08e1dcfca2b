package org.lyceum.account;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.jspecify.annotations.Nullable;

@Name("Invite")
public record InviteView(
        @NonNull String email, @NonNull OffsetDateTime createdAt, @Nullable OffsetDateTime acceptedAt) {

    static InviteView from(Invite invite) {
        return new InviteView(invite.email, invite.createdAt, invite.acceptedAt);
    }
}
