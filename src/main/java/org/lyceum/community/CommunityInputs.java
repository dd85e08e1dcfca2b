package org.lyceum.community;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

/** The inputs of the community mutations. */
public final class CommunityInputs {

    private CommunityInputs() {}

    @Name("CreateCommunityInput")
    public record Create(
            @NonNull
                    @Description(
                            "3-40 characters: a-z, 0-9 and _. It becomes the community's handle and never changes.")
                    String name,
            @NonNull String title,
            String summary,
            String iconUrl,
            @Id @Description("An upload of yours made with POST /uploads?purpose=ICON.") String iconId,
            @Id @Description("An upload of yours made with POST /uploads?purpose=BANNER.") String bannerId,
            @Description("PUBLIC when omitted.") Visibility visibility) {}

    @Name("UpdateCommunityInput")
    @Description("Fields left out stay as they are; an empty summary, iconUrl, iconId or bannerId clears it.")
    public record Update(
            @Id @NonNull String id,
            String title,
            String summary,
            String iconUrl,
            @Id @Description("An upload of yours made with POST /uploads?purpose=ICON.") String iconId,
            @Id @Description("An upload of yours made with POST /uploads?purpose=BANNER.") String bannerId,
            Visibility visibility) {}

    @Name("CommunityIdInput")
    public record Target(@Id @NonNull String id) {}

    @Name("DecideJoinRequestInput")
    public record Decide(@Id @NonNull String communityId, @Id @NonNull String personId, boolean approve) {}

    @Name("SetMemberRoleInput")
    public record SetRole(
            @Id @NonNull String communityId,
            @Id @NonNull String personId,
            @NonNull @Description("MODERATOR or MEMBER; use transferCommunity for OWNER.") CommunityRole role) {}

    @Name("TransferCommunityInput")
    public record Transfer(
            @Id @NonNull String communityId,
            @Id @NonNull @Description("A member, who becomes the owner; the old owner stays as a moderator.")
                    String personId) {}
}
