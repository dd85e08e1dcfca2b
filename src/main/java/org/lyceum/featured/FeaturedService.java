package org.lyceum.featured;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.lyceum.account.AccountService;
import org.lyceum.account.Viewer;
import org.lyceum.activity.ActivityLog;
import org.lyceum.activity.Verb;
import org.lyceum.common.DomainException;
import org.lyceum.common.GlobalId;
import org.lyceum.community.CommunityQueries;
import org.lyceum.community.CommunityView;
import org.lyceum.community.Permissions;
import org.lyceum.content.CollectionView;
import org.lyceum.content.ContentQueries;
import org.lyceum.content.ResourceView;
import org.lyceum.content.ThreadView;
import org.lyceum.database.Sql;
import org.lyceum.moderation.ModAction;
import org.lyceum.moderation.Modlog;
import org.lyceum.moderation.ModlogEntry;
import org.lyceum.notification.Notice.ObjectType;

/**
 * Featuring and unfeaturing (rows 31 and 32 of docs/permissions.md). Both are idempotent:
 * featuring what is featured answers true and keeps its place; unfeaturing answers whether it
 * was featured. A change in a community records an ADD or REMOVE activity in its transaction,
 * which federation sends as Add/Remove to the community's featured collection.
 */
@ApplicationScoped
public class FeaturedService {

    private final Sql sql;
    private final AccountService accounts;
    private final ContentQueries content;
    private final CommunityQueries communities;
    private final ActivityLog activities;
    private final Modlog modlog;

    FeaturedService(
            Modlog modlog,
            Sql sql,
            AccountService accounts,
            ContentQueries content,
            CommunityQueries communities,
            ActivityLog activities) {
        this.sql = sql;
        this.accounts = accounts;
        this.content = content;
        this.communities = communities;
        this.activities = activities;
        this.modlog = modlog;
    }

    /** Features the object (true, also when it already was). */
    public Uni<Boolean> feature(FeatureInput in) {
        return change(in, true);
    }

    /** Unfeatures the object: true when it was featured, false when it was not. */
    public Uni<Boolean> unfeature(FeatureInput in) {
        return change(in, false);
    }

    private Uni<Boolean> change(FeatureInput in, boolean on) {
        boolean instance = in.scope() == FeatureScope.INSTANCE;
        GlobalId target = instance
                ? GlobalId.decode("id", in.id(), CommunityView.TYPE, CollectionView.TYPE)
                : GlobalId.decode("id", in.id(), CollectionView.TYPE, ResourceView.TYPE, ThreadView.TYPE);
        return accounts.requireViewer()
                .chain(v -> sql.transaction(
                        tx -> instance ? onInstance(tx, v, target, on) : inCommunity(tx, v, target, on)));
    }

    private Uni<Boolean> inCommunity(Sql tx, Viewer v, GlobalId target, boolean on) {
        return content.target(tx, v, target.uuid()).chain(t -> {
            if (t.deleted() || !t.type().equals(target.type())) {
                throw DomainException.notFound("object");
            }
            Permissions.featureInCommunity(v, t.standing());
            Uni<Integer> changed = on
                    ? tx.run(
                            "insert into featured (id, community_id, content_id, featured_by) values ($1, $2, $3, $4)"
                                    + " on conflict do nothing",
                            UUID.randomUUID(),
                            t.communityId(),
                            t.id(),
                            v.requirePersonId())
                    : tx.run(
                            "delete from featured where community_id = $1 and content_id = $2",
                            t.communityId(),
                            t.id());
            return changed.chain(n -> n == 0
                    ? Uni.createFrom().item(on)
                    : modlog.record(
                                    tx,
                                    ModlogEntry.onContent(
                                            on ? ModAction.FEATURE : ModAction.UNFEATURE,
                                            v.personId(),
                                            t.id(),
                                            null,
                                            t.authorId(),
                                            t.communityId(),
                                            null))
                            .chain(() -> activities.record(
                                    tx, on ? Verb.ADD : Verb.REMOVE, v.requirePersonId(), t.communityId(), t.id()))
                            .replaceWith(true));
        });
    }

    private Uni<Boolean> onInstance(Sql tx, Viewer v, GlobalId target, boolean on) {
        Permissions.featureOnInstance(v);
        boolean community = target.type().equals(CommunityView.TYPE);
        Uni<Void> found = community
                ? communities
                        .standing(tx, v, target.uuid())
                        .invoke(s -> {
                            if (s.deleted()) {
                                throw DomainException.notFound("community");
                            }
                        })
                        .replaceWithVoid()
                : content.target(tx, v, target.uuid())
                        .invoke(t -> {
                            if (t.deleted() || !t.type().equals(target.type())) {
                                throw DomainException.notFound("object");
                            }
                            Permissions.see(t.standing());
                        })
                        .replaceWithVoid();
        String column = community ? "featured_community_id" : "content_id";
        return found.chain(() -> on
                        ? tx.run(
                                "insert into featured (id, " + column + ", featured_by) values ($1, $2, $3)"
                                        + " on conflict do nothing",
                                UUID.randomUUID(),
                                target.uuid(),
                                v.requirePersonId())
                        : tx.run(
                                "delete from featured where community_id is null and " + column + " = $1",
                                target.uuid()))
                .chain(n -> n == 0
                        ? Uni.createFrom().item(on)
                        // The instance's list is the instance log's (no community).
                        : modlog.record(
                                        tx,
                                        new ModlogEntry(
                                                on ? ModAction.FEATURE : ModAction.UNFEATURE,
                                                v.personId(),
                                                community ? ObjectType.COMMUNITY : ObjectType.CONTENT,
                                                target.uuid(),
                                                null,
                                                null,
                                                null,
                                                null,
                                                null,
                                                null,
                                                null))
                                .replaceWith(true));
    }
}
