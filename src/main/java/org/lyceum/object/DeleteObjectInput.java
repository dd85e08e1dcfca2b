package org.lyceum.object;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("DeleteObjectInput")
public record DeleteObjectInput(@Id @NonNull String id) {}
