package org.lyceum.account;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;

@Name("UpdateProfileInput")
@Description("Fields left out stay as they are; an empty summary or iconUrl clears it. A display name set here "
        + "is kept even when the identity provider's name changes.")
public record UpdateProfileInput(String displayName, String summary, String iconUrl) {}
