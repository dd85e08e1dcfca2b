package org.lyceum.discovery.preview;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.lyceum.database.Sql;
import org.lyceum.database.SqlRow;
import org.lyceum.discovery.DiscoveryConfig;
import org.lyceum.job.JobContext;

/** Link previews kept by the URL asked for ({@code web_preview}), fresh for lyceum.discovery.preview-cache. */
@ApplicationScoped
class PreviewCache {

    private static final String COLUMNS =
            "page_url, title, description, image_url, site_name, language, licence, media_type";

    private final Sql sql;
    private final Duration ttl;

    PreviewCache(Sql sql, DiscoveryConfig config) {
        this.sql = sql;
        this.ttl = config.previewCache();
    }

    /** The preview of this URL made within the cache time, or null. */
    Uni<WebMetadata> fresh(String url) {
        return sql.one(
                "select " + COLUMNS + " from web_preview where url = $1"
                        + " and fetched_at > now() - $2 * interval '1 millisecond'",
                PreviewCache::row,
                url,
                ttl.toMillis());
    }

    Uni<Void> store(String url, WebMetadata m) {
        return sql.run(
                        "insert into web_preview (url, " + COLUMNS + ", fetched_at)"
                                + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9, now())"
                                + " on conflict (url) do update set page_url = excluded.page_url, title = excluded.title,"
                                + " description = excluded.description, image_url = excluded.image_url,"
                                + " site_name = excluded.site_name, language = excluded.language,"
                                + " licence = excluded.licence, media_type = excluded.media_type,"
                                + " fetched_at = excluded.fetched_at",
                        url,
                        m.url(),
                        m.title(),
                        m.description(),
                        m.imageUrl(),
                        m.siteName(),
                        m.language(),
                        m.licence(),
                        m.mediaType())
                .replaceWithVoid();
    }

    /** The job discovery-prune: previews past the cache time are never answered again. */
    Uni<String> prune(JobContext job) {
        return job.fenced(tx -> tx.run(
                        "delete from web_preview where fetched_at < now() - $1 * interval '1 millisecond'",
                        ttl.toMillis()))
                .map(n -> "pruned " + n + " link previews");
    }

    private static WebMetadata row(SqlRow r) {
        return new WebMetadata(
                r.getString("page_url"),
                r.getString("title"),
                r.getString("description"),
                r.getString("image_url"),
                r.getString("site_name"),
                r.getString("language"),
                r.getString("licence"),
                r.getString("media_type"));
    }
}
