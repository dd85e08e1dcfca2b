package org.lyceum.resource;

import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("Vocabularies")
@Description("The codes resources may use, with labels to show.")
public record VocabulariesView(
        @NonNull @Description("SPDX licence ids, the Creative Commons family first.") List<@NonNull TermView> licences,
        @NonNull @Description("ISO 639-1 language codes.") List<@NonNull TermView> languages,
        @NonNull @Description("ISCED 2011 levels of education, 0-8.") List<@NonNull TermView> levels,
        @NonNull @Description("ISCED-F 2013 fields of education and training.") List<@NonNull TermView> subjects,
        @NonNull List<@NonNull TermView> resourceTypes) {

    boolean has(List<TermView> terms, String code) {
        return terms.stream().anyMatch(t -> t.code().equals(code));
    }
}
