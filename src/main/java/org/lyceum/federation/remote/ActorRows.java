package org.lyceum.federation.remote;

import io.smallrye.mutiny.Uni;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lyceum.database.Sql;
import org.lyceum.database.SqlRow;

/** A remote actor's person or community row, written from what {@link RemoteActors} read of its document. */
final class ActorRows {

    private ActorRows() {}

    /** What an actor document gave, checked and cut to size. */
    record Fields(
            String id,
            boolean group,
            String host,
            @Nullable String handle,
            @Nullable String name,
            @Nullable String summary,
            @Nullable String summaryHtml,
            @Nullable String iconUrl,
            @Nullable String bannerUrl,
            boolean approves,
            String inbox,
            @Nullable String sharedInbox,
            @Nullable String featured) {}

    /** The stored row's id, and whether its icon and banner URLs have no copy yet. */
    record Stored(UUID id, boolean newIcon, boolean newBanner) {}

    private static final String STORED = "id, icon_url is not null and icon_id is null new_icon,"
            + " banner_url is not null and banner_id is null new_banner";

    /**
     * Inserts or refreshes the row in the caller's transaction; null when the id names a row of this
     * instance. A handle taken by an older actor of the same host (an account made anew) moves
     * aside; a copy of the icon or banner (icon_id, banner_id) is dropped when its URL changed.
     */
    static Uni<@Nullable Stored> upsert(Sql tx, Fields a) {
        String clash = a.group()
                ? "update community set name = name || '~' || left(md5(ap_id), 6) where lower(name) = lower($1) and host = $2 and ap_id <> $3"
                : "update person set username = left(username, 57) || '~' || left(md5(ap_id), 6) where lower(username) = lower($1)"
                        + " and host = $2 and ap_id <> $3";
        return tx.run(clash, a.handle(), a.host(), a.id()).chain(() -> a.group() ? community(tx, a) : person(tx, a));
    }

    private static Uni<@Nullable Stored> community(Sql tx, Fields a) {
        return tx.one(
                "insert into community (id, ap_id, name, host, title, summary, icon_url, visibility, inbox, shared_inbox, featured_url,"
                        + " banner_url, summary_html, fetched_at)"
                        + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, now()) on conflict (ap_id) do update set name = excluded.name,"
                        + " title = excluded.title, summary = excluded.summary, summary_html = excluded.summary_html, icon_url = excluded.icon_url, visibility = excluded.visibility,"
                        + " banner_url = excluded.banner_url,"
                        + " icon_id = case when community.icon_url = excluded.icon_url then community.icon_id end,"
                        + " banner_id = case when community.banner_url = excluded.banner_url then community.banner_id end,"
                        + " featured_url = excluded.featured_url,"
                        + " inbox = excluded.inbox, shared_inbox = excluded.shared_inbox, fetched_at = now(), updated_at = now()"
                        + " where community.host is not null returning " + STORED,
                ActorRows::stored,
                UUID.randomUUID(),
                a.id(),
                a.handle(),
                a.host(),
                a.name(),
                a.summary(),
                a.iconUrl(),
                a.approves() ? "PRIVATE" : "PUBLIC",
                a.inbox(),
                a.sharedInbox(),
                a.featured(),
                a.bannerUrl(),
                a.summaryHtml());
    }

    private static Uni<@Nullable Stored> person(Sql tx, Fields a) {
        return tx.one(
                "insert into person (id, ap_id, username, host, display_name, summary, icon_url, inbox, shared_inbox, banner_url,"
                        + " summary_html, fetched_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now())"
                        + " on conflict (ap_id) do update set username = excluded.username,"
                        + " display_name = excluded.display_name, summary = excluded.summary, summary_html = excluded.summary_html, icon_url = excluded.icon_url,"
                        + " banner_url = excluded.banner_url,"
                        + " icon_id = case when person.icon_url = excluded.icon_url then person.icon_id end,"
                        + " banner_id = case when person.banner_url = excluded.banner_url then person.banner_id end,"
                        + " inbox = excluded.inbox, shared_inbox = excluded.shared_inbox, fetched_at = now(), updated_at = now()"
                        + " where person.host is not null returning " + STORED,
                ActorRows::stored,
                UUID.randomUUID(),
                a.id(),
                a.handle(),
                a.host(),
                a.name(),
                a.summary(),
                a.iconUrl(),
                a.inbox(),
                a.sharedInbox(),
                a.bannerUrl(),
                a.summaryHtml());
    }

    private static Stored stored(SqlRow r) {
        return new Stored(r.getUUID("id"), r.getBoolean("new_icon"), r.getBoolean("new_banner"));
    }
}
