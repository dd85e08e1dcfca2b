package org.lyceum.object;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("DeleteObjectPayload")
public record DeleteObjectPayload(@Id @NonNull String deletedId) {}
