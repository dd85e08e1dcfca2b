package org.lyceum.resource;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.lyceum.account.AccountService;
import org.lyceum.account.Viewer;
import org.lyceum.activity.ActivityLog;
import org.lyceum.activity.Verb;
import org.lyceum.common.Check;
import org.lyceum.common.DomainException;
import org.lyceum.common.GlobalId;
import org.lyceum.common.Time;
import org.lyceum.community.CommunityQueries;
import org.lyceum.community.CommunityView;
import org.lyceum.community.Permissions;
import org.lyceum.content.CollectionView;
import org.lyceum.content.ContentQueries;
import org.lyceum.content.ResourceView;
import org.lyceum.content.Target;
import org.lyceum.database.Sql;
import org.lyceum.instance.InstanceConfig;
import org.lyceum.media.MediaPurpose;
import org.lyceum.media.MediaRows;
import org.lyceum.text.Texts;

/** Collections and the resources in them: creating, editing, ordering. */
@ApplicationScoped
public class LibraryService {

    private final Sql sql;
    private final AccountService accounts;
    private final CommunityQueries communities;
    private final ContentQueries content;
    private final Vocabularies vocabularies;
    private final ActivityLog activities;
    private final InstanceConfig instance;
    private final MediaRows media;
    private final Texts texts;

    LibraryService(
            Sql sql,
            AccountService accounts,
            CommunityQueries communities,
            ContentQueries content,
            Vocabularies vocabularies,
            ActivityLog activities,
            InstanceConfig instance,
            MediaRows media,
            Texts texts) {
        this.media = media;
        this.texts = texts;
        this.sql = sql;
        this.accounts = accounts;
        this.communities = communities;
        this.content = content;
        this.vocabularies = vocabularies;
        this.activities = activities;
        this.instance = instance;
    }

    public Uni<CollectionView> createCollection(ResourceInputs.CreateCollection in) {
        UUID communityId = GlobalId.uuid("communityId", in.communityId(), CommunityView.TYPE);
        return accounts.requireViewer().chain(v -> {
            String title = Check.required("title", in.title(), Check.TITLE_MAX);
            String summary = Check.optional("summary", in.summary(), Check.SUMMARY_MAX);
            UUID id = UUID.randomUUID();
            return sql.transaction(
                            tx -> communities.standing(tx, v, communityId).chain(s -> {
                                Permissions.contribute(v, s);
                                return tx.run(
                                                "insert into content (id, ap_id, kind, community_id, author_id, title, body, body_html, created_at,"
                                                        + " updated_at) values ($1, $2, 'COLLECTION', $3, $4, $5, $6, $7, $8, $8)",
                                                id,
                                                apId(id),
                                                communityId,
                                                v.personId(),
                                                title,
                                                summary,
                                                texts.html(summary),
                                                Time.now())
                                        .chain(() -> activities.record(
                                                tx, Verb.CREATE, v.requirePersonId(), communityId, id));
                            }))
                    .chain(() -> content.byId(v, id, CollectionView.class));
        });
    }

    public Uni<CollectionView> updateCollection(ResourceInputs.UpdateCollection in) {
        UUID id = GlobalId.uuid("id", in.id(), CollectionView.TYPE);
        return accounts.requireViewer().chain(v -> {
            String title = in.title() == null ? null : Check.required("title", in.title(), Check.TITLE_MAX);
            String summary = Check.optional("summary", in.summary(), Check.SUMMARY_MAX);
            return sql.transaction(tx -> live(tx, v, id, "COLLECTION").chain(t -> {
                        Permissions.edit(v, t.standing(), t.authorId(), false);
                        return tx.run(
                                        "update content set title = coalesce($2, title), body = case when $3 then $4 else body end,"
                                                + " body_html = case when $3 then $6 else body_html end, updated_at = $5 where id = $1",
                                        id,
                                        title,
                                        in.summary() != null,
                                        summary,
                                        Time.now(),
                                        texts.html(summary))
                                .chain(() ->
                                        activities.record(tx, Verb.UPDATE, v.requirePersonId(), t.communityId(), id));
                    }))
                    .chain(() -> content.byId(v, id, CollectionView.class));
        });
    }

    /** Attaches the upload a resource's fileId names, in the resource's transaction; only its uploader may. */
    private Uni<Void> attachFile(Sql tx, Viewer v, ResourceFields f) {
        UUID file = f.fileId();
        return file == null
                ? Uni.createFrom().voidItem()
                : media.attach(tx, "fileId", file, v.requirePersonId(), MediaPurpose.RESOURCE)
                        .replaceWithVoid();
    }

    /** Adds the resource at the end of the collection; the collection's row lock keeps positions unique. */
    public Uni<ResourceView> createResource(ResourceInputs.Create in) {
        UUID collectionId = GlobalId.uuid("collectionId", in.collectionId(), CollectionView.TYPE);
        return accounts.requireViewer().chain(v -> {
            ResourceFields f = ResourceFields.of(in);
            UUID id = UUID.randomUUID();
            return vocabularies
                    .check(f)
                    .chain(() -> sql.transaction(
                            tx -> live(tx, v, collectionId, "COLLECTION").chain(col -> {
                                Permissions.contribute(v, col.standing());
                                return attachFile(tx, v, f)
                                        .chain(() -> tx.run(
                                                "insert into content (id, ap_id, kind, community_id, author_id, collection_id, position, title,"
                                                        + " body, url, licence, language, level, subject, resource_type, attribution, created_at, updated_at,"
                                                        + " file_id, body_html)"
                                                        + " select $1, $2, 'RESOURCE', $3, $4, $5, coalesce(max(position) + 1, 0), $6, $7, $8, $9, $10,"
                                                        + " $11, $12, $13, $14, $15, $15, $16, $17 from content where collection_id = $5 and kind = 'RESOURCE'"
                                                        + " and deleted_at is null",
                                                id,
                                                apId(id),
                                                col.communityId(),
                                                v.personId(),
                                                collectionId,
                                                f.title(),
                                                f.description(),
                                                f.url(),
                                                f.licence(),
                                                f.language(),
                                                f.level() == null
                                                        ? null
                                                        : f.level().shortValue(),
                                                f.subject(),
                                                f.resourceType(),
                                                f.attribution(),
                                                Time.now(),
                                                f.fileId(),
                                                texts.html(f.description())))
                                        .chain(() -> activities.record(
                                                tx, Verb.CREATE, v.requirePersonId(), col.communityId(), id));
                            })))
                    .chain(() -> content.byId(v, id, ResourceView.class));
        });
    }

    public Uni<ResourceView> updateResource(ResourceInputs.Update in) {
        UUID id = GlobalId.uuid("id", in.id(), ResourceView.TYPE);
        return accounts.requireViewer().chain(v -> {
            ResourceFields f = ResourceFields.of(in);
            return vocabularies
                    .check(f)
                    .chain(() ->
                            sql.transaction(tx -> live(tx, v, id, "RESOURCE").chain(t -> {
                                Permissions.edit(v, t.standing(), t.authorId(), false);
                                return attachFile(tx, v, f)
                                        .chain(() -> tx.run(
                                                "update content set title = coalesce($2, title),"
                                                        // A new link replaces the file and a new file the link.
                                                        + " url = case when $3::text is not null then $3"
                                                        + " when $18::uuid is not null then null else url end,"
                                                        + " file_id = case when $18::uuid is not null then $18"
                                                        + " when $3::text is not null then null else file_id end,"
                                                        + " body = case when $4 then $5 else body end,"
                                                        + " body_html = case when $4 then $19 else body_html end,"
                                                        + " licence = case when $6 then $7 else licence end,"
                                                        + " language = case when $8 then $9 else language end,"
                                                        + " level = coalesce($10, level),"
                                                        + " subject = case when $11 then $12 else subject end,"
                                                        + " resource_type = case when $13 then $14 else resource_type end,"
                                                        + " attribution = case when $15 then $16 else attribution end,"
                                                        + " updated_at = $17 where id = $1",
                                                id,
                                                f.title(),
                                                f.url(),
                                                in.description() != null,
                                                f.description(),
                                                in.licence() != null,
                                                f.licence(),
                                                in.language() != null,
                                                f.language(),
                                                f.level() == null
                                                        ? null
                                                        : f.level().shortValue(),
                                                in.subject() != null,
                                                f.subject(),
                                                in.resourceType() != null,
                                                f.resourceType(),
                                                in.attribution() != null,
                                                f.attribution(),
                                                Time.now(),
                                                f.fileId(),
                                                texts.html(f.description())))
                                        .chain(() -> activities.record(
                                                tx, Verb.UPDATE, v.requirePersonId(), t.communityId(), id));
                            })))
                    .chain(() -> content.byId(v, id, ResourceView.class));
        });
    }

    /**
     * Moves a resource to a place in its collection or in another collection of the same
     * community. Positions stay 0..n-1 in both collections.
     */
    public Uni<ResourceView> moveResource(ResourceInputs.Move in) {
        UUID id = GlobalId.uuid("id", in.id(), ResourceView.TYPE);
        UUID toCollection = in.collectionId() == null
                ? null
                : GlobalId.uuid("collectionId", in.collectionId(), CollectionView.TYPE);
        if (in.position() < 0) {
            throw DomainException.invalid("position", "must be 0 or more");
        }
        return accounts.requireViewer()
                .chain(v -> sql.transaction(tx -> live(tx, v, id, "RESOURCE").chain(r -> {
                            Permissions.edit(v, r.standing(), r.authorId(), false);
                            UUID target = toCollection == null ? r.collectionId() : toCollection;
                            return live(tx, v, target, "COLLECTION").chain(col -> {
                                if (!col.communityId().equals(r.communityId())) {
                                    throw DomainException.invalid(
                                            "collectionId", "resources move only between collections of one community");
                                }
                                Permissions.contribute(v, col.standing());
                                return move(tx, id, r.collectionId(), target, in.position())
                                        .chain(() -> activities.record(
                                                tx, Verb.MOVE, v.requirePersonId(), r.communityId(), id));
                            });
                        }))
                        .chain(() -> content.byId(v, id, ResourceView.class)));
    }

    private Uni<Void> move(Sql tx, UUID id, UUID from, UUID to, int position) {
        String live = " kind = 'RESOURCE' and deleted_at is null";
        return tx.run(
                        "update content set position = position - 1 where collection_id = $1 and" + live
                                + " and position > (select position from content where id = $2)",
                        from,
                        id)
                .chain(() -> tx.one(
                        "select count(*) from content where collection_id = $1 and" + live + " and id <> $2",
                        row -> row.getLong(0),
                        to,
                        id))
                .chain(count -> {
                    int place = (int) Math.min(position, count);
                    return tx.run(
                                    "update content set position = position + 1 where collection_id = $1 and" + live
                                            + " and id <> $2 and position >= $3",
                                    to,
                                    id,
                                    place)
                            .chain(() -> tx.run(
                                    "update content set collection_id = $1, position = $3, updated_at = $4 where id = $2",
                                    to,
                                    id,
                                    place,
                                    Time.now()));
                })
                .replaceWithVoid();
    }

    /** The object, locked, of the given kind and not deleted; NOT_FOUND otherwise. */
    private Uni<Target> live(Sql tx, Viewer v, UUID id, String kind) {
        return content.target(tx, v, id).invoke(t -> {
            if (!t.kind().equals(kind) || t.deleted()) {
                throw DomainException.notFound(kind.toLowerCase(java.util.Locale.ROOT));
            }
            Permissions.see(t.standing());
        });
    }

    private String apId(UUID id) {
        return instance.baseUrl() + "/objects/" + id;
    }
}
