package org.lyceum.account;

import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("InviteByEmailPayload")
public record InviteByEmailPayload(@NonNull InviteView invite) {}
