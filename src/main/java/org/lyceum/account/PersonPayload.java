package org.lyceum.account;

import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("PersonPayload")
public record PersonPayload(@NonNull PersonView person) {}
