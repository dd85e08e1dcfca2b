package org.lyceum.community;

import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

public final class CommunityPayloads {

    private CommunityPayloads() {}

    @Name("CommunityPayload")
    public record OfCommunity(@NonNull CommunityView community) {}

    @Name("MemberPayload")
    public record OfMember(@NonNull CommunityView community, MemberView member) {}
}
