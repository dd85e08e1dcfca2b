package org.lyceum.export;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lyceum.database.Sql;
import org.lyceum.database.SqlRow;
import org.lyceum.media.MediaUrls;

/** Asking for an archive of one's data and reading where it stands; the data-export job builds it. */
@ApplicationScoped
public class DataExports {

    private static final String LATEST = "select x.requested_at, x.ready_at, x.expires_at, x.failed_at,"
            + " x.expires_at <= now() expired, x.media_id, f.name from data_export x left join media f on f.id = x.media_id"
            + " where x.person_id = $1 order by x.requested_at desc limit 1";

    private final Sql sql;
    private final MediaUrls urls;
    private final ExportConfig config;

    DataExports(Sql sql, MediaUrls urls, ExportConfig config) {
        this.sql = sql;
        this.urls = urls;
        this.config = config;
    }

    /**
     * Starts an export, or answers the latest one when it was asked for less than
     * lyceum.export.min-interval ago and has not failed. Two requests at once make one export.
     */
    public Uni<DataExportView> request(UUID personId) {
        return sql.transaction(tx -> tx.one(
                        "select pg_advisory_xact_lock(hashtext('data-export'), hashtext($1::text)) is null locked",
                        r -> r.getBoolean("locked"),
                        personId.toString())
                .chain(() -> tx.run(
                        "insert into data_export (id, person_id) select gen_random_uuid(), $1 where not exists"
                                + " (select 1 from data_export where person_id = $1 and failed_at is null"
                                + " and requested_at > now() - $2 * interval '1 millisecond')",
                        personId,
                        config.minInterval().toMillis()))
                .chain(() -> tx.one(LATEST, this::view, personId)));
    }

    /** The caller's latest export, or null when they never asked for one. */
    public Uni<@Nullable DataExportView> latest(UUID personId) {
        return sql.one(LATEST, this::view, personId);
    }

    private DataExportView view(SqlRow r) {
        OffsetDateTime requested = r.getOffsetDateTime("requested_at");
        OffsetDateTime expires = r.getOffsetDateTime("expires_at");
        if (r.getOffsetDateTime("failed_at") != null) {
            return new DataExportView(DataExportStatus.FAILED, null, null, requested);
        }
        if (r.getOffsetDateTime("ready_at") == null || expires == null) {
            return new DataExportView(DataExportStatus.PENDING, null, null, requested);
        }
        if (Boolean.TRUE.equals(r.getBoolean("expired"))) {
            return new DataExportView(DataExportStatus.EXPIRED, null, expires, requested);
        }
        String url = urls.signedUntil(r.getUUID("media_id"), r.getString("name"), expires.toInstant());
        return new DataExportView(DataExportStatus.READY, url, expires, requested);
    }
}
