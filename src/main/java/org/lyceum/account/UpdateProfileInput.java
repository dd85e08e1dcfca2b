package org.lyceum.account;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;

@Name("UpdateProfileInput")
@Description("Fields left out stay as they are; an empty summary, iconUrl, iconId or bannerId clears it. A display"
        + " name set here is kept even when the identity provider's name changes.")
public record UpdateProfileInput(
        String displayName,
        String summary,
        @Description("An image elsewhere; iconId, an upload, is the better choice.") String iconUrl,
        @Id @Description("An upload of yours made with POST /uploads?purpose=ICON.") String iconId,
        @Id @Description("An upload of yours made with POST /uploads?purpose=BANNER.") String bannerId) {}
