package org.lyceum.resource;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.lyceum.common.DomainException;
import org.lyceum.database.Sql;

/** The controlled vocabularies; they ship as data in a migration and are read once. */
@ApplicationScoped
public class Vocabularies {

    private final Sql sql;
    /** Null until first read (see {@link #all()}). */
    private volatile @Nullable VocabulariesView loaded;

    Vocabularies(Sql sql) {
        this.sql = sql;
    }

    /** Read on first use and kept; a failed read is not kept, so the next call tries again. */
    public Uni<VocabulariesView> all() {
        VocabulariesView v = loaded;
        return v != null ? Uni.createFrom().item(v) : load().invoke(read -> loaded = read);
    }

    private Uni<VocabulariesView> load() {
        return sql.list(
                        "select vocabulary, code, label, parent_code, url from vocabulary_term order by vocabulary, position",
                        r -> Map.entry(
                                r.getString("vocabulary"),
                                new TermView(
                                        r.getString("code"),
                                        r.getString("label"),
                                        r.getString("parent_code"),
                                        r.getString("url"),
                                        r.getString("vocabulary"))))
                .map(rows -> {
                    Map<String, List<TermView>> by = new LinkedHashMap<>();
                    for (String v : List.of("LICENCE", "LANGUAGE", "LEVEL", "SUBJECT", "RESOURCE_TYPE")) {
                        by.put(v, new ArrayList<>());
                    }
                    // The vocabulary_kind check constraint allows only the five vocabularies above.
                    rows.forEach(e -> Objects.requireNonNull(by.get(e.getKey()), "a known vocabulary")
                            .add(e.getValue()));
                    return new VocabulariesView(
                            List.copyOf(by.get("LICENCE")),
                            List.copyOf(by.get("LANGUAGE")),
                            List.copyOf(by.get("LEVEL")),
                            List.copyOf(by.get("SUBJECT")),
                            List.copyOf(by.get("RESOURCE_TYPE")));
                });
    }

    /** Fails with INVALID_INPUT naming the first field whose code is not in its vocabulary. */
    Uni<Void> check(ResourceFields f) {
        return all().invoke(v -> {
                    require(v, v.licences(), "licence", f.licence());
                    require(v, v.languages(), "language", f.language());
                    require(v, v.subjects(), "subject", f.subject());
                    require(v, v.resourceTypes(), "resourceType", f.resourceType());
                    if (f.level() != null && (f.level() < 0 || f.level() > 8)) {
                        throw DomainException.invalid("level", "must be an ISCED 2011 level from 0 to 8");
                    }
                })
                .replaceWithVoid();
    }

    private static void require(VocabulariesView v, List<TermView> terms, String field, @Nullable String code) {
        if (code != null && !v.has(terms, code)) {
            throw DomainException.invalid(
                    field, "'" + code + "' is not in the vocabulary; see vocabularies { " + field + "s }");
        }
    }
}
