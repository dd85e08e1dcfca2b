package org.lyceum.resource;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

/** One entry of a vocabulary; {@code vocabulary} (LICENCE, LANGUAGE, LEVEL, SUBJECT, RESOURCE_TYPE) says which. */
@Name("Term")
@Description("One entry of a controlled vocabulary.")
public record TermView(
        @NonNull String code,
        @NonNull String label,
        @Description("Subjects: the broader field's code.") String parent,
        @Description("Licences: the licence text.") String url,
        @Ignore String vocabulary) {}
