package org.lyceum.account;

import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("InviteByEmailInput")
public record InviteByEmailInput(@NonNull String email) {}
