package org.lyceum.account;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.UUID;
import org.lyceum.database.Sql;

/** Reads of people for the GraphQL schema; the viewer's person id is $1. */
@ApplicationScoped
public class PersonQueries {

    private static final String SELECT = "select " + PersonView.columns("p", "") + " from person p";

    private final Sql sql;

    PersonQueries(Sql sql) {
        this.sql = sql;
    }

    /** By handle: "username" here, or "username@host". */
    public Uni<PersonView> byHandle(Viewer viewer, String handle) {
        if (handle == null || handle.isBlank() || handle.length() > 300) {
            return Uni.createFrom().nullItem();
        }
        String[] parts =
                handle.strip().toLowerCase(Locale.ROOT).replaceFirst("^@", "").split("@", 2);
        return sql.one(
                SELECT + " where lower(p.username) = $2 and coalesce(p.host, '') = $3",
                r -> PersonView.from(r, ""),
                viewer.personId(),
                parts[0],
                parts.length > 1 ? parts[1] : "");
    }

    /** Those of these people that exist, by id: one statement for a page. */
    public Uni<java.util.Map<UUID, PersonView>> byIds(Viewer viewer, java.util.List<UUID> ids) {
        return sql.list(
                        SELECT + " where p.id = any($2)",
                        r -> PersonView.from(r, ""),
                        viewer.personId(),
                        ids.toArray(UUID[]::new))
                .map(found -> {
                    java.util.Map<UUID, PersonView> byId = new java.util.HashMap<>();
                    found.stream().filter(java.util.Objects::nonNull).forEach(p -> byId.put(p.uuid(), p));
                    return byId;
                });
    }

    public Uni<PersonView> byId(Viewer viewer, UUID id) {
        return sql.one(SELECT + " where p.id = $2", r -> PersonView.from(r, ""), viewer.personId(), id);
    }

    public Uni<Boolean> exists(Sql on, UUID id) {
        return on.one("select 1 from person where id = $1", r -> true, id).map(found -> found != null);
    }
}
