package org.lyceum.community;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.regex.Pattern;
import org.lyceum.account.AccountService;
import org.lyceum.account.LocalNames;
import org.lyceum.account.Viewer;
import org.lyceum.activity.ActivityLog;
import org.lyceum.activity.Verb;
import org.lyceum.common.Check;
import org.lyceum.common.Conflicts;
import org.lyceum.common.DomainException;
import org.lyceum.common.ErrorCode;
import org.lyceum.common.Time;
import org.lyceum.database.Sql;
import org.lyceum.instance.InstanceConfig;
import org.lyceum.media.MediaRows;
import org.lyceum.text.Texts;

/** Creating, configuring and deleting communities; membership is {@link MembershipService}'s. */
@ApplicationScoped
public class CommunityService {

    static final int TITLE_MAX = 100;
    private static final Pattern NAME = Pattern.compile("[a-z0-9_]{3,40}");

    private final Sql sql;
    private final AccountService accounts;
    private final CommunityQueries queries;
    private final ActivityLog activities;
    private final InstanceConfig instance;
    private final MediaRows media;
    private final CommunityChanges changes;
    private final Texts texts;

    CommunityService(
            Sql sql,
            AccountService accounts,
            CommunityQueries queries,
            ActivityLog activities,
            InstanceConfig instance,
            MediaRows media,
            CommunityChanges changes,
            Texts texts) {
        this.media = media;
        this.changes = changes;
        this.texts = texts;
        this.sql = sql;
        this.accounts = accounts;
        this.queries = queries;
        this.activities = activities;
        this.instance = instance;
    }

    public Uni<CommunityView> create(CommunityInputs.Create in) {
        return accounts.requireViewer().chain(viewer -> {
            String name = in.name() == null ? "" : in.name().strip();
            if (!NAME.matcher(name).matches()) {
                throw DomainException.invalid("name", "use 3 to 40 characters: lower-case letters a-z, digits and _");
            }
            if (LocalNames.reserved(name)) {
                throw DomainException.invalid("name", "'" + name + "' is reserved by the instance");
            }
            String title = Check.required("title", in.title(), TITLE_MAX);
            String summary = Check.optional("summary", in.summary(), Check.SUMMARY_MAX);
            String icon = Check.url("iconUrl", in.iconUrl());
            Visibility visibility = in.visibility() == null ? Visibility.PUBLIC : in.visibility();
            UUID id = UUID.randomUUID();
            if (in.iconUrl() != null && in.iconId() != null) {
                throw new DomainException(ErrorCode.INVALID_INPUT, "give either iconUrl or iconId, not both");
            }
            UUID me = viewer.requirePersonId();
            // People and communities share one namespace (acct:name@host has one answer).
            return sql.transaction(tx -> LocalNames.lockAndCheckPerson(tx, name)
                            .chain(taken -> {
                                if (taken) {
                                    throw DomainException.conflict("name", "a person on this instance has this name");
                                }
                                return media.attachImages(tx, in.iconId(), in.bannerId(), me);
                            })
                            .chain(images -> tx.run(
                                    "insert into community (id, ap_id, name, title, summary, icon_url, visibility,"
                                            + " created_at, updated_at, icon_id, banner_id, summary_html)"
                                            + " values ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9, $10, $11)",
                                    id,
                                    instance.baseUrl() + "/communities/" + id,
                                    name,
                                    title,
                                    summary,
                                    icon,
                                    visibility.name(),
                                    Time.now(),
                                    images.iconId(),
                                    images.bannerId(),
                                    texts.html(summary)))
                            .chain(() -> tx.run(
                                    "insert into membership (community_id, person_id, role, state) values ($1, $2, 'OWNER', 'JOINED')",
                                    id,
                                    viewer.personId()))
                            .chain(() -> activities.record(tx, Verb.CREATE, viewer.requirePersonId(), id, null)))
                    .onFailure()
                    .transform(
                            t -> Conflicts.asConflict(t, "name", "a community with this name exists on this instance"))
                    .chain(() -> queries.byId(viewer, id));
        });
    }

    public Uni<CommunityView> update(CommunityInputs.Update in) {
        return changes.withStanding(in.id(), (viewer, tx, standing) -> {
            Permissions.moderate(viewer, standing);
            String title = in.title() == null ? null : Check.required("title", in.title(), TITLE_MAX);
            String summary = Check.optional("summary", in.summary(), Check.SUMMARY_MAX);
            String icon = Check.url("iconUrl", in.iconUrl());
            if (in.iconUrl() != null && in.iconId() != null) {
                throw new DomainException(ErrorCode.INVALID_INPUT, "give either iconUrl or iconId, not both");
            }
            UUID me = viewer.requirePersonId();
            return media.attachImages(tx, in.iconId(), in.bannerId(), me)
                    .chain(images -> tx.run(
                            "update community set title = coalesce($2, title),"
                                    + " summary = case when $3 then $4 else summary end,"
                                    + " summary_html = case when $3 then $13 else summary_html end,"
                                    // An uploaded icon replaces a linked one, and the other way round.
                                    + " icon_url = case when $5 then $6 when $9 then null else icon_url end,"
                                    + " icon_id = case when $9 then $10 when $5 then null else icon_id end,"
                                    + " banner_id = case when $11 then $12 else banner_id end,"
                                    + " visibility = coalesce($7, visibility), updated_at = $8 where id = $1",
                            standing.communityId(),
                            title,
                            in.summary() != null,
                            summary,
                            in.iconUrl() != null,
                            icon,
                            in.visibility() == null ? null : in.visibility().name(),
                            Time.now(),
                            in.iconId() != null,
                            images.iconId(),
                            in.bannerId() != null,
                            images.bannerId(),
                            texts.html(summary)))
                    .chain(() ->
                            activities.record(tx, Verb.UPDATE, viewer.requirePersonId(), standing.communityId(), null));
        });
    }

    /** Soft-deletes the community; its content disappears with it. */
    public Uni<Void> delete(Viewer viewer, UUID communityId) {
        return sql.transaction(tx -> queries.standing(tx, viewer, communityId).chain(standing -> {
            Permissions.own(viewer, standing);
            return tx.run("update community set deleted_at = $2 where id = $1", communityId, Time.now())
                    .chain(() -> activities.record(tx, Verb.DELETE, viewer.requirePersonId(), communityId, null));
        }));
    }
}
