package org.lyceum.federation.publish;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lyceum.database.Sql;
import org.lyceum.federation.protocol.ActivityDocument;
import org.lyceum.federation.protocol.CollectionDocument;
import org.lyceum.federation.protocol.Json;
import org.lyceum.federation.protocol.ObjectDocument;
import org.lyceum.instance.InstanceConfig;

/**
 * The collections an actor document links: the outbox (public creations, newest first, in pages
 * of 20 by activity sequence; a community's as its group's Announces, which is how Lemmy reads a
 * group's history), followers (a count only, as Mastodon shows it), featured (what a
 * community's moderators feature) and a community's moderators. A private community's lists and
 * counts are not served: its outbox and featured are empty, its followers and moderators bare.
 */
@ApplicationScoped
public class ActorCollections {

    private static final int PAGE = 20;

    private final Sql sql;
    private final ContentDocuments content;
    private final String base;

    ActorCollections(Sql sql, ContentDocuments content, InstanceConfig instance) {
        this.sql = sql;
        this.content = content;
        this.base = instance.baseUrl();
    }

    /** Null when the actor is not a live local one. */
    public Uni<CollectionDocument> outbox(String kind, UUID id, String page) {
        String actor = base + "/" + kind + "/" + id;
        boolean group = kind.equals("communities");
        String id0 = actor + "/outbox";
        return exists(kind, id).chain(found -> {
            if (!found) {
                return Uni.createFrom().nullItem();
            }
            String where =
                    " from activity a join content c on c.id = a.object_id join community m on m.id = c.community_id"
                            + " where a.verb = 'CREATE' and c.host is null and c.deleted_at is null and m.deleted_at is null"
                            + " and m.visibility <> 'PRIVATE' and "
                            + (group ? "a.community_id = $1" : "a.actor_id = $1 and a.host is null");
            if (page == null) {
                return sql.one("select count(*)" + where, r -> r.getLong(0), id)
                        .map(n -> CollectionDocument.collection(id0, n, id0 + "?page=" + Long.MAX_VALUE, null));
            }
            long before;
            try {
                before = Long.parseLong(page);
            } catch (NumberFormatException e) {
                return Uni.createFrom().nullItem();
            }
            return sql.list(
                            "select a.seq, a.id, a.ap_id, a.object_id, a.published_at, p.ap_id actor"
                                    + where.replace(" where ", " join person p on p.id = a.actor_id where ")
                                    + " and a.seq < $2 order by a.seq desc limit " + PAGE,
                            r -> new Object[] {
                                r.getLong("seq"),
                                r.getUUID("id"),
                                r.getString("ap_id"),
                                r.getUUID("object_id"),
                                java.time.format.DateTimeFormatter.ISO_INSTANT.format(
                                        r.getOffsetDateTime("published_at")),
                                r.getString("actor")
                            },
                            id,
                            before)
                    .chain(rows -> content.byIds(
                                    rows.stream().map(r -> (UUID) r[3]).toList())
                            .map(objects -> {
                                List<Object> items = new ArrayList<>();
                                for (Object[] r : rows) {
                                    objects.stream()
                                            .filter(o -> o.document() != null
                                                    && o.apId().endsWith(r[3].toString()))
                                            .findFirst()
                                            .ifPresent(o -> {
                                                ObjectDocument doc = Objects.requireNonNull(
                                                        o.document(), "only objects with a document pass the filter");
                                                ActivityDocument create = ActivityDocument.of(
                                                                (String) r[2],
                                                                "Create",
                                                                (String) r[5],
                                                                doc.embedded(),
                                                                List.of(Json.PUBLIC),
                                                                doc.cc(),
                                                                doc.audience(),
                                                                (String) r[4])
                                                        .embedded();
                                                items.add(
                                                        group
                                                                ? ActivityDocument.of(
                                                                                base + "/activities/" + r[1]
                                                                                        + "/announce",
                                                                                "Announce",
                                                                                actor,
                                                                                create,
                                                                                List.of(Json.PUBLIC),
                                                                                List.of(actor + "/followers"),
                                                                                actor,
                                                                                (String) r[4])
                                                                        .embedded()
                                                                : create);
                                            });
                                }
                                String next =
                                        rows.size() == PAGE ? id0 + "?page=" + rows.get(rows.size() - 1)[0] : null;
                                return CollectionDocument.page(id0 + "?page=" + page, id0, next, items);
                            }));
        });
    }

    public Uni<CollectionDocument> followers(String kind, UUID id) {
        String actor = base + "/" + kind + "/" + id;
        Uni<Long> count = kind.equals("communities")
                ? sql.one(
                        "select (select count(*) from membership where community_id = $1 and state = 'JOINED')"
                                + " + (select count(*) from follow f where community_id = $1 and not exists (select 1 from membership m"
                                + " where m.community_id = $1 and m.person_id = f.follower_id and m.state = 'JOINED'))",
                        r -> r.getLong(0),
                        id)
                : sql.one("select count(*) from follow where person_id = $1", r -> r.getLong(0), id);
        return standing(kind, id)
                .chain(found -> found == null
                        ? Uni.createFrom().nullItem()
                        : found == Shown.HIDDEN
                                ? Uni.createFrom().item(hidden(actor + "/followers"))
                                : count.map(n -> CollectionDocument.collection(actor + "/followers", n, null, null)));
    }

    /**
     * A private community's followers and moderators, as everyone is served them: the collection
     * without totalItems or items. GraphQL tells outsiders neither its member count nor its
     * moderators (docs/permissions.md row 2), so ActivityPub does not either, signed or not.
     */
    private static CollectionDocument hidden(String id) {
        return CollectionDocument.collection(id, null, null, null);
    }

    /**
     * A community's featured collection: the objects its moderators feature, oldest feature first,
     * embedded as Lemmy serves its pinned posts; the first 50, as Community.featured shows them. A
     * private community's list is empty here, as its
     * content is never served to anyone without a signature of a member.
     */
    public Uni<CollectionDocument> featured(UUID id) {
        String actor = base + "/communities/" + id;
        return exists("communities", id)
                .chain(found -> !found
                        ? Uni.createFrom().nullItem()
                        : sql.list(
                                        "select f.content_id from featured f join content c on c.id = f.content_id"
                                                + " join community m on m.id = f.community_id where f.community_id = $1"
                                                + " and c.deleted_at is null and m.visibility <> 'PRIVATE' order by f.seq limit 50",
                                        r -> r.getUUID("content_id"),
                                        id)
                                .chain(ids -> content.byIds(ids))
                                .map(objects -> {
                                    List<Object> items = new ArrayList<>();
                                    for (ContentDocuments.Found o : objects) {
                                        ObjectDocument doc = o.document();
                                        if (doc != null && o.deletedAt() == null) {
                                            items.add(doc.embedded());
                                        }
                                    }
                                    return CollectionDocument.collection(
                                            actor + "/featured", (long) items.size(), null, items);
                                }));
    }

    /** The owner's and moderators' actor ids; none for a private community ({@link #hidden}). */
    public Uni<CollectionDocument> moderators(UUID id) {
        String actor = base + "/communities/" + id;
        return standing("communities", id)
                .chain(found -> found == null
                        ? Uni.createFrom().nullItem()
                        : found == Shown.HIDDEN
                                ? Uni.createFrom().item(hidden(actor + "/moderators"))
                                : sql.list(
                                                "select p.ap_id from membership m join person p on p.id = m.person_id where m.community_id = $1"
                                                        + " and m.state = 'JOINED' and m.role in ('OWNER', 'MODERATOR') order by m.created_at",
                                                r -> (Object) r.getString("ap_id"),
                                                id)
                                        .map(mods -> CollectionDocument.collection(
                                                actor + "/moderators", (long) mods.size(), null, mods)));
    }

    /** How much of a live local actor's collections everyone may read. */
    private enum Shown {
        ALL,
        HIDDEN
    }

    /** Null when the actor is not a live local one; HIDDEN for a private community. */
    private Uni<@Nullable Shown> standing(String kind, UUID id) {
        return sql.one(
                kind.equals("communities")
                        ? "select visibility = 'PRIVATE' hidden from community where id = $1 and host is null and deleted_at is null"
                        : "select false hidden from person where id = $1 and host is null",
                r -> r.getBoolean("hidden") ? Shown.HIDDEN : Shown.ALL,
                id);
    }

    private Uni<Boolean> exists(String kind, UUID id) {
        return sql.one(
                        kind.equals("communities")
                                ? "select 1 from community where id = $1 and host is null and deleted_at is null"
                                : "select 1 from person where id = $1 and host is null",
                        r -> true,
                        id)
                .map(r -> r != null);
    }
}
