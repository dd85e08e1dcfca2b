package org.lyceum.social;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lyceum.account.AccountService;
import org.lyceum.account.PersonQueries;
import org.lyceum.account.PersonView;
import org.lyceum.account.Viewer;
import org.lyceum.activity.ActivityLog;
import org.lyceum.activity.Verb;
import org.lyceum.common.DomainException;
import org.lyceum.common.GlobalId;
import org.lyceum.community.CommunityQueries;
import org.lyceum.community.CommunityView;
import org.lyceum.community.Permissions;
import org.lyceum.content.CollectionView;
import org.lyceum.content.CommentView;
import org.lyceum.content.Content;
import org.lyceum.content.ContentQueries;
import org.lyceum.content.ResourceView;
import org.lyceum.content.Target;
import org.lyceum.content.ThreadView;
import org.lyceum.database.Sql;
import org.lyceum.graphql.Node;
import org.lyceum.instance.InstanceConfig;
import org.lyceum.notification.Notice;
import org.lyceum.notification.Notifications;

/** Likes, bookmarks and follows. Each is idempotent: liking twice leaves one like. */
@ApplicationScoped
public class SocialService {

    private static final String[] CONTENT_TYPES = {
        CollectionView.TYPE, ResourceView.TYPE, ThreadView.TYPE, CommentView.TYPE
    };

    private final Sql sql;
    private final AccountService accounts;
    private final ContentQueries content;
    private final CommunityQueries communities;
    private final PersonQueries people;
    private final ActivityLog activities;
    private final InstanceConfig instance;
    private final Notifications notifications;

    SocialService(
            Sql sql,
            AccountService accounts,
            ContentQueries content,
            CommunityQueries communities,
            PersonQueries people,
            ActivityLog activities,
            InstanceConfig instance,
            Notifications notifications) {
        this.sql = sql;
        this.accounts = accounts;
        this.content = content;
        this.communities = communities;
        this.people = people;
        this.activities = activities;
        this.instance = instance;
        this.notifications = notifications;
    }

    public Uni<Content> like(String id) {
        return onContent(id, true, (v, tx, t) -> tx.run(
                        "insert into liking (person_id, object_id, ap_id) values ($1, $2, $3)"
                                + " on conflict do nothing",
                        v.personId(),
                        t.id(),
                        instance.baseUrl() + "/likes/" + UUID.randomUUID())
                .chain(n -> n == 0
                        ? Uni.createFrom().voidItem()
                        : activities.record(tx, Verb.LIKE, v.requirePersonId(), t.communityId(), t.id())));
    }

    public Uni<Content> unlike(String id) {
        return onContent(id, false, (v, tx, t) -> tx.one(
                        "delete from liking where person_id = $1 and object_id = $2 returning ap_id",
                        r -> r.getString("ap_id"),
                        v.personId(),
                        t.id())
                .chain(like -> like == null
                        ? Uni.createFrom().voidItem()
                        : activities.record(
                                tx, Verb.UNLIKE, v.requirePersonId(), t.communityId(), t.id(), null, like)));
    }

    public Uni<Content> bookmark(String id) {
        return onContent(id, true, (v, tx, t) -> tx.run(
                        "insert into bookmark (person_id, object_id) values ($1, $2) on conflict do nothing",
                        v.personId(),
                        t.id())
                .replaceWithVoid());
    }

    public Uni<Content> unbookmark(String id) {
        return onContent(id, false, (v, tx, t) -> tx.run(
                        "delete from bookmark where person_id = $1 and object_id = $2", v.personId(), t.id())
                .replaceWithVoid());
    }

    @FunctionalInterface
    private interface ContentChange {
        Uni<Void> apply(Viewer viewer, Sql tx, Target target);
    }

    /** {@code adds}: a like or bookmark is made (refused to banned people), not taken back. */
    private Uni<Content> onContent(String globalId, boolean adds, ContentChange change) {
        UUID id = GlobalId.decode("id", globalId, CONTENT_TYPES).uuid();
        return accounts.requireViewer()
                .chain(v -> sql.transaction(tx -> content.target(tx, v, id).chain(t -> {
                            if (t.deleted()) {
                                throw DomainException.notFound("object");
                            }
                            if (adds) {
                                Permissions.react(v, t.standing());
                            } else {
                                Permissions.see(t.standing());
                            }
                            return change.apply(v, tx, t);
                        }))
                        .chain(() -> content.byId(v, id)));
    }

    public Uni<Node> follow(String globalId) {
        return changeFollow(globalId, true);
    }

    public Uni<Node> unfollow(String globalId) {
        return changeFollow(globalId, false);
    }

    private Uni<Node> changeFollow(String globalId, boolean follow) {
        GlobalId target = GlobalId.decode("id", globalId, PersonView.TYPE, CommunityView.TYPE, CollectionView.TYPE);
        return accounts.requireViewer().chain(v -> sql.transaction(tx -> switch (target.type()) {
                    case PersonView.TYPE -> followPerson(tx, v, target.uuid(), follow);
                    case CommunityView.TYPE -> followCommunity(tx, v, target.uuid(), follow);
                    default -> followCollection(tx, v, target.uuid(), follow);
                })
                .chain(() -> reload(v, target)));
    }

    private Uni<Void> followPerson(Sql tx, Viewer v, UUID personId, boolean follow) {
        if (personId.equals(v.personId())) {
            throw DomainException.invalid("id", "you cannot follow yourself");
        }
        return tx.one(
                        "select host is not null as remote from person where id = $1",
                        r -> r.getBoolean("remote"),
                        personId)
                .chain(remote -> {
                    if (remote == null) {
                        throw DomainException.notFound("person");
                    }
                    return write(tx, v, "person_id", personId, null, null, personId, remote, follow);
                });
    }

    /** Outsiders of a private community cannot follow it: there is nothing they may see. */
    private Uni<Void> followCommunity(Sql tx, Viewer v, UUID communityId, boolean follow) {
        return communities.standing(tx, v, communityId).chain(s -> {
            if (follow) {
                Permissions.react(v, s);
            }
            return (follow
                            ? communities.requireNotBanned(tx, communityId, v.requirePersonId())
                            : Uni.createFrom().voidItem())
                    .chain(() ->
                            write(tx, v, "community_id", communityId, communityId, null, null, s.remote(), follow));
        });
    }

    private Uni<Void> followCollection(Sql tx, Viewer v, UUID collectionId, boolean follow) {
        return content.target(tx, v, collectionId).chain(t -> {
            if (!t.kind().equals("COLLECTION") || (follow && t.deleted())) {
                throw DomainException.notFound("collection");
            }
            if (follow) {
                Permissions.react(v, t.standing());
            }
            return write(
                    tx,
                    v,
                    "collection_id",
                    collectionId,
                    t.communityId(),
                    collectionId,
                    null,
                    t.standing().remote(),
                    follow);
        });
    }

    /** A follow of something on another server waits for its Accept (federation sends the Follow). */
    private Uni<Void> write(
            Sql tx,
            Viewer v,
            String column,
            UUID target,
            @Nullable UUID communityId,
            @Nullable UUID objectId,
            @Nullable UUID personId,
            boolean remote,
            boolean follow) {
        UUID id = UUID.randomUUID();
        if (follow) {
            return tx.run(
                            "insert into follow (id, ap_id, follower_id, " + column
                                    + ", state) values ($1, $2, $3, $4, $5)" + " on conflict do nothing",
                            id,
                            instance.baseUrl() + "/follows/" + id,
                            v.personId(),
                            target,
                            remote ? "PENDING" : "ACCEPTED")
                    .chain(n -> n == 0
                            ? Uni.createFrom().voidItem()
                            : activities
                                    .record(tx, Verb.FOLLOW, v.requirePersonId(), communityId, objectId, personId, null)
                                    .chain(() -> notifications.to(
                                            tx, Notice.newFollower(v.requirePersonId(), personId), personId))
                                    .replaceWithVoid());
        }
        return tx.one(
                        "delete from follow where follower_id = $1 and " + column + " = $2 returning ap_id",
                        r -> r.getString("ap_id"),
                        v.personId(),
                        target)
                .chain(undone -> undone == null
                        ? Uni.createFrom().voidItem()
                        : activities.record(
                                tx, Verb.UNFOLLOW, v.requirePersonId(), communityId, objectId, personId, undone));
    }

    private Uni<Node> reload(Viewer v, GlobalId target) {
        Uni<? extends Node> found =
                switch (target.type()) {
                    case PersonView.TYPE -> people.byId(v, target.uuid());
                    case CommunityView.TYPE -> communities.byId(v, target.uuid());
                    default -> content.byId(v, target.uuid());
                };
        return found.map(n -> (Node) n).onItem().ifNull().failWith(() -> DomainException.notFound("object"));
    }
}
