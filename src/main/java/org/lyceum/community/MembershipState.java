package org.lyceum.community;

import org.eclipse.microprofile.graphql.Description;

public enum MembershipState {
    @Description("A member.")
    JOINED,
    @Description("A join request waiting for a moderator.")
    PENDING
}
