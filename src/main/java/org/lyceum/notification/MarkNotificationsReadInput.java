package org.lyceum.notification;

import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.jspecify.annotations.Nullable;

@Name("MarkNotificationsReadInput")
@Description("Exactly one of ids (at most 100) or all: true.")
public record MarkNotificationsReadInput(@Id @Nullable List<String> ids, @Nullable Boolean all) {}
