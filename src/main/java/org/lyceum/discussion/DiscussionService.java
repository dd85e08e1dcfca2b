package org.lyceum.discussion;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lyceum.account.AccountService;
import org.lyceum.account.Viewer;
import org.lyceum.activity.ActivityLog;
import org.lyceum.activity.Verb;
import org.lyceum.block.BlockService;
import org.lyceum.common.Check;
import org.lyceum.common.DomainException;
import org.lyceum.common.GlobalId;
import org.lyceum.common.Time;
import org.lyceum.community.CommunityQueries;
import org.lyceum.community.CommunityView;
import org.lyceum.community.Permissions;
import org.lyceum.content.CollectionView;
import org.lyceum.content.CommentView;
import org.lyceum.content.ContentQueries;
import org.lyceum.content.ResourceView;
import org.lyceum.content.ThreadView;
import org.lyceum.database.Sql;
import org.lyceum.instance.InstanceConfig;
import org.lyceum.notification.Notice;
import org.lyceum.notification.NotificationKind;
import org.lyceum.notification.Notifications;
import org.lyceum.text.Rendered;
import org.lyceum.text.Texts;

/** Threads and comments. A thread's first comment is its text; replies point at the thread or a comment. */
@ApplicationScoped
public class DiscussionService {

    private final Sql sql;
    private final AccountService accounts;
    private final CommunityQueries communities;
    private final ContentQueries content;
    private final ActivityLog activities;
    private final InstanceConfig instance;
    private final Texts texts;
    private final Notifications notifications;
    private final BlockService blocks;

    DiscussionService(
            Sql sql,
            AccountService accounts,
            CommunityQueries communities,
            ContentQueries content,
            ActivityLog activities,
            InstanceConfig instance,
            Texts texts,
            Notifications notifications,
            BlockService blocks) {
        this.sql = sql;
        this.accounts = accounts;
        this.communities = communities;
        this.content = content;
        this.activities = activities;
        this.instance = instance;
        this.texts = texts;
        this.notifications = notifications;
        this.blocks = blocks;
    }

    public Uni<ThreadView> createThread(DiscussionInputs.CreateThread in) {
        UUID communityId = GlobalId.uuid("communityId", in.communityId(), CommunityView.TYPE);
        UUID aboutId = in.aboutId() == null
                ? null
                : GlobalId.decode("aboutId", in.aboutId(), ResourceView.TYPE, CollectionView.TYPE)
                        .uuid();
        return accounts.requireViewer().chain(v -> {
            String title = Check.required("title", in.title(), Check.TITLE_MAX);
            String body = Check.optional("content", in.content(), Check.BODY_MAX);
            if (body == null) {
                throw DomainException.invalid("content", "must not be empty");
            }
            UUID threadId = UUID.randomUUID();
            UUID commentId = UUID.randomUUID();
            return sql.transaction(tx -> communities
                            .standing(tx, v, communityId)
                            .chain(s -> {
                                Permissions.contribute(v, s);
                                return aboutIn(tx, v, aboutId, communityId);
                            })
                            .chain(() -> tx.run(
                                    "insert into content (id, ap_id, kind, community_id, author_id, about_id, title, created_at,"
                                            + " updated_at) values ($1, $2, 'THREAD', $3, $4, $5, $6, $7, $7)",
                                    threadId,
                                    apId(threadId),
                                    communityId,
                                    v.personId(),
                                    aboutId,
                                    title,
                                    Time.now()))
                            .chain(() -> texts.render(tx, body))
                            .chain(rendered -> tx.run(
                                            "insert into content (id, ap_id, kind, community_id, author_id, thread_id, body, body_html,"
                                                    + " created_at, updated_at) values ($1, $2, 'COMMENT', $3, $4, $5, $6, $7, $8, $8)",
                                            commentId,
                                            apId(commentId),
                                            communityId,
                                            v.personId(),
                                            threadId,
                                            body,
                                            rendered.html(),
                                            Time.now())
                                    // A mention in a thread's first post is about the thread.
                                    .chain(() -> mentioned(tx, v, commentId, threadId, communityId, rendered, null)))
                            .chain(() ->
                                    activities.record(tx, Verb.CREATE, v.requirePersonId(), communityId, threadId)))
                    .chain(() -> content.byId(v, threadId, ThreadView.class));
        });
    }

    private Uni<Void> aboutIn(Sql tx, org.lyceum.account.Viewer v, @Nullable UUID aboutId, UUID communityId) {
        if (aboutId == null) {
            return Uni.createFrom().voidItem();
        }
        return content.target(tx, v, aboutId)
                .invoke(t -> {
                    if (t.deleted() || t.discussion() || !t.communityId().equals(communityId)) {
                        throw DomainException.invalid(
                                "aboutId", "must be a resource or collection of the same community");
                    }
                })
                .replaceWithVoid();
    }

    public Uni<CommentView> createReply(DiscussionInputs.CreateReply in) {
        UUID parentId = GlobalId.decode("inReplyTo", in.inReplyTo(), ThreadView.TYPE, CommentView.TYPE)
                .uuid();
        return accounts.requireViewer().chain(v -> {
            String body = Check.optional("content", in.content(), Check.BODY_MAX);
            if (body == null) {
                throw DomainException.invalid("content", "must not be empty");
            }
            UUID id = UUID.randomUUID();
            return sql.transaction(tx -> content.target(tx, v, parentId).chain(parent -> {
                        if (!parent.discussion()) {
                            throw DomainException.invalid("inReplyTo", "expected the id of a Thread or Comment");
                        }
                        if (parent.deleted()) {
                            throw DomainException.invalid("inReplyTo", "that has been deleted");
                        }
                        Permissions.contribute(v, parent.standing());
                        if (parent.locked()) {
                            Permissions.replyWhileLocked(v, parent.standing());
                        }
                        UUID threadId = parent.kind().equals("THREAD") ? parent.id() : parent.threadId();
                        return blocks.requireMayReply(tx, v.requirePersonId(), threadId, parent.authorId())
                                .chain(() -> texts.render(tx, body))
                                .chain(rendered -> tx.run(
                                                "insert into content (id, ap_id, kind, community_id, author_id, thread_id, in_reply_to,"
                                                        + " body, body_html, created_at, updated_at)"
                                                        + " values ($1, $2, 'COMMENT', $3, $4, $5, $6, $7, $8, $9, $9)",
                                                id,
                                                apId(id),
                                                parent.communityId(),
                                                v.personId(),
                                                threadId,
                                                parentId,
                                                body,
                                                rendered.html(),
                                                Time.now())
                                        .chain(() -> mentioned(
                                                tx, v, id, id, parent.communityId(), rendered, parent.authorId())))
                                .chain(() -> activities.record(
                                        tx, Verb.CREATE, v.requirePersonId(), parent.communityId(), id))
                                .chain(() -> notifications.to(
                                        tx,
                                        Notice.aboutContent(
                                                NotificationKind.REPLY, v.personId(), id, parent.communityId(), null),
                                        parent.authorId()))
                                .replaceWithVoid();
                    }))
                    .chain(() -> content.byId(v, id, CommentView.class));
        });
    }

    public Uni<CommentView> updateComment(DiscussionInputs.UpdateComment in) {
        UUID id = GlobalId.uuid("id", in.id(), CommentView.TYPE);
        return accounts.requireViewer().chain(v -> {
            String body = Check.optional("content", in.content(), Check.BODY_MAX);
            if (body == null) {
                throw DomainException.invalid("content", "must not be empty");
            }
            return sql.transaction(tx -> content.target(tx, v, id).chain(t -> {
                        if (t.deleted() || !t.kind().equals("COMMENT")) {
                            throw DomainException.notFound("comment");
                        }
                        Permissions.edit(v, t.standing(), t.authorId(), true);
                        return texts.render(tx, body)
                                .chain(rendered -> tx.run(
                                                "update content set body = $2, body_html = $3, updated_at = $4 where id = $1",
                                                id,
                                                body,
                                                rendered.html(),
                                                Time.now())
                                        .chain(() -> mentioned(tx, v, id, id, t.communityId(), rendered, null)))
                                .chain(() ->
                                        activities.record(tx, Verb.UPDATE, v.requirePersonId(), t.communityId(), id));
                    }))
                    .chain(() -> content.byId(v, id, CommentView.class));
        });
    }

    /**
     * Keeps the comment's mention rows in step with its text and tells the people this write
     * mentions for the first time; {@code about} is what the notification points to.
     */
    private Uni<Void> mentioned(
            Sql tx,
            Viewer v,
            UUID commentId,
            UUID about,
            UUID communityId,
            Rendered rendered,
            @Nullable UUID repliedTo) {
        return texts.storeMentions(tx, commentId, rendered)
                .chain(people -> notifications.to(
                        tx,
                        // The comment is the cause, also when the notice points at its thread, so an
                        // edit of a thread's first post does not mention anyone twice.
                        Notice.aboutContent(NotificationKind.MENTION, v.personId(), about, communityId, null)
                                .causedBy(commentId.toString()),
                        // The author replied to is told of the reply, once.
                        people.stream().filter(p -> !p.equals(repliedTo)).toList()))
                .replaceWithVoid();
    }

    private String apId(UUID id) {
        return instance.baseUrl() + "/objects/" + id;
    }
}
