package org.lyceum.media;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lyceum.database.Sql;
import org.lyceum.database.SqlRow;

/**
 * The statements of media-cleanup, each one batch in the caller's (fenced) transaction. Rows are
 * taken with {@code SKIP LOCKED}, so an upload being attached is left for the next run.
 */
final class CleanupStatements {

    /**
     * Something live shows the file: any profile, a community not deleted, a resource not deleted
     * in a collection and a community not deleted (deleting a collection or a community leaves its
     * resources' rows as they were).
     */
    private static final String REFERENCED =
            "(exists (select 1 from person p where p.icon_id = m.id or p.banner_id = m.id)"
                    + " or exists (select 1 from community c where (c.icon_id = m.id or c.banner_id = m.id)"
                    + " and c.deleted_at is null)"
                    + " or exists (select 1 from content ct join community cc on cc.id = ct.community_id"
                    + " left join content cl on cl.id = ct.collection_id where ct.file_id = m.id"
                    + " and ct.deleted_at is null and cl.deleted_at is null and cc.deleted_at is null)"
                    + " or exists (select 1 from data_export x where x.media_id = m.id and x.expires_at > now()))";

    /** Any row refers to it, deleted ones too: its row cannot be deleted (foreign keys). */
    private static final String MENTIONED =
            "(exists (select 1 from person p where p.icon_id = m.id or p.banner_id = m.id)"
                    + " or exists (select 1 from community c where c.icon_id = m.id or c.banner_id = m.id)"
                    + " or exists (select 1 from content ct where ct.file_id = m.id)"
                    + " or exists (select 1 from data_export x where x.media_id = m.id))";

    /** Attached, unreferenced, not yet released: released now. */
    static final String RELEASE = "released_at = now()";

    static final String RELEASABLE =
            "m.attached_at is not null and m.removed_at is null and m.released_at is null" + " and not " + REFERENCED;

    /** Released, and referenced again (content restored): kept again. */
    static final String RESTORE = "released_at = null";

    static final String RESTORABLE = "m.released_at is not null and m.removed_at is null and " + REFERENCED;

    private CleanupStatements() {}

    /** A row whose bytes are to be deleted. */
    record Gone(UUID id, List<String> variants) {
        List<String> keys() {
            return variants.stream().map(v -> Media.key(id, v)).toList();
        }
    }

    /** Rows changed by a keyset batch, and the highest id among them (null for none). */
    record Batch(int changed, @Nullable UUID last) {}

    /** Deletes up to {@code limit} uploads never attached within {@code ttl}; one attached meanwhile stays. */
    static Uni<List<Gone>> deleteOrphans(Sql tx, Duration ttl, int limit) {
        return tx.list(
                "delete from media d where d.id in (select m.id from media m where m.attached_at is null"
                        + " and m.created_at < now() - $1 * interval '1 millisecond' and not " + MENTIONED
                        + " order by m.created_at limit $2 for update skip locked)"
                        + " and d.attached_at is null returning d.id, d.variants",
                CleanupStatements::gone,
                ttl.toMillis(),
                limit);
    }

    /**
     * Marks up to {@code limit} files released longer than {@code grace} ago and still unreferenced
     * as removed; their rows stay, as deleted content refers to them.
     */
    static Uni<List<Gone>> remove(Sql tx, Duration grace, int limit) {
        return tx.list(
                "update media d set removed_at = now() where d.id in (select m.id from media m"
                        + " where m.removed_at is null and m.released_at < now() - $1 * interval '1 millisecond'"
                        + " and not " + REFERENCED + " order by m.released_at limit $2 for update skip locked)"
                        + " and d.removed_at is null and d.released_at is not null returning d.id, d.variants",
                CleanupStatements::gone,
                grace.toMillis(),
                limit);
    }

    /** Sets {@code set} on up to {@code limit} rows after {@code after} (by id) that are {@code which}. */
    static Uni<Batch> mark(Sql tx, String set, String which, UUID after, int limit) {
        return tx.one(
                "with u as (update media d set " + set + " where d.id in (select m.id from media m where m.id > $1 and "
                        + which + " order by m.id limit $2 for update skip locked) returning d.id)"
                        + " select (select count(*) from u)::int n, (select id from u order by id desc limit 1) last",
                r -> new Batch(r.getInteger("n"), r.getUUID("last")),
                after,
                limit);
    }

    private static Gone gone(SqlRow r) {
        return new Gone(r.getUUID("id"), List.of(r.getArrayOfStrings("variants")));
    }
}
