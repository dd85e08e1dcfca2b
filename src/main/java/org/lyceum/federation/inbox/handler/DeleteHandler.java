package org.lyceum.federation.inbox.handler;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lyceum.activity.ActivityLog;
import org.lyceum.activity.Verb;
import org.lyceum.database.Sql;
import org.lyceum.federation.inbox.ActivityHandler;
import org.lyceum.federation.inbox.Ignored;
import org.lyceum.federation.inbox.Lookup;
import org.lyceum.federation.inbox.Received;
import org.lyceum.federation.protocol.Html;
import org.lyceum.federation.protocol.Json;
import org.lyceum.notification.Notice;
import org.lyceum.notification.NotificationKind;
import org.lyceum.notification.Notifications;

/**
 * Delete of content by its author, or by the group of the community it is in (a moderator's
 * removal, as Lemmy announces it). Soft, like a local deletion: a comment loses its text. A
 * person's Delete of itself, signed by itself (Mastodon and Lemmy send one when an account is
 * deleted), takes its content, likes, follows and memberships away here.
 */
@ApplicationScoped
public class DeleteHandler implements ActivityHandler {

    private final Lookup lookup;
    private final ActivityLog activities;

    private final Notifications notifications;

    DeleteHandler(Lookup lookup, ActivityLog activities, Notifications notifications) {
        this.lookup = lookup;
        this.activities = activities;
        this.notifications = notifications;
    }

    @Override
    public String type() {
        return "Delete";
    }

    @Override
    public Uni<Received> verify(Received r) {
        if (r.objectId() == null) {
            throw new Ignored("names no object");
        }
        if (r.objectId().equals(r.actor()) && r.via() != null) {
            throw new Ignored("an account's deletion counts only when it comes from the account itself");
        }
        return Uni.createFrom().item(r);
    }

    @Override
    public Uni<Void> receive(Sql tx, Received r) {
        String objectId = Objects.requireNonNull(r.objectId(), "verify refuses a Delete of no object");
        if (objectId.equals(r.actor())) {
            return accountDeleted(tx, r.actor());
        }
        return lookup.content(tx, objectId).chain(c -> {
            if (c == null || c.deleted()) {
                return Uni.createFrom().voidItem();
            }
            if (r.via() != null && !c.communityApId().equals(r.via())) {
                throw new Ignored("a group announces deletions only in its own community");
            }
            boolean byGroup =
                    c.communityApId().equals(r.actor()) || c.communityApId().equals(r.via());
            if (!c.authorApId().equals(r.actor()) && !byGroup) {
                throw new Ignored("only the author or the community's group deletes");
            }
            return tx.run(
                            "update content set deleted_at = now(), body = case when kind = 'COMMENT' then null else body end,"
                                    + " body_html = case when kind = 'COMMENT' then null else body_html end"
                                    + " where id = $1 and deleted_at is null",
                            c.id())
                    .chain(n -> n == 0
                            ? Uni.createFrom().voidItem()
                            : lookup.requirePerson(tx, r.actor())
                                    .onFailure()
                                    .recoverWithItem(c.authorId())
                                    .chain(actor -> activities
                                            .received(
                                                    tx,
                                                    Verb.DELETE,
                                                    r.id(),
                                                    r.host(),
                                                    actor == null ? c.authorId() : actor,
                                                    c.communityId(),
                                                    c.id(),
                                                    null)
                                            .chain(() -> c.authorApId().equals(r.actor())
                                                    ? Uni.createFrom().item(0)
                                                    : removed(tx, r, c, actor)))
                                    .replaceWithVoid());
        });
    }

    /** A group's moderator removed a local author's content: the author is told, with the reason Lemmy sends. */
    private Uni<Integer> removed(Sql tx, Received r, Lookup.Content c, @Nullable UUID actor) {
        String reason = Html.toText(Json.text(r.json(), "summary"));
        return notifications.toAuthor(
                tx,
                Notice.aboutContent(
                                NotificationKind.CONTENT_REMOVED,
                                c.authorId().equals(actor) ? null : actor,
                                c.id(),
                                c.communityId(),
                                reason == null || reason.length() <= 1000 ? reason : reason.substring(0, 1000))
                        .causedBy(r.id()),
                c.authorId());
    }

    /**
     * A remote account deleted at its home: its content goes as a local deletion would, its ties
     * here are cut, and its keys and profile are forgotten, so a later lookup asks its server
     * again (which answers 410) and its old key opens no inbox here.
     */
    private Uni<Void> accountDeleted(Sql tx, String actor) {
        return tx.one("select id from person where ap_id = $1 and host is not null", row -> row.getUUID("id"), actor)
                .chain(person -> {
                    if (person == null) {
                        return tx.one(
                                        "select 1 as one from community where ap_id = $1",
                                        row -> row.getInteger("one"),
                                        actor)
                                .invoke(group -> {
                                    if (group != null) {
                                        throw new Ignored("deletions of groups are not applied yet");
                                    }
                                })
                                .replaceWithVoid();
                    }
                    return tx.run(
                                    "update content set deleted_at = now(), body = case when kind = 'COMMENT' then null else body end,"
                                            + " body_html = case when kind = 'COMMENT' then null else body_html end"
                                            + " where author_id = $1 and deleted_at is null",
                                    person)
                            .chain(() -> tx.run("delete from liking where person_id = $1", person))
                            .chain(() -> tx.run("delete from follow where follower_id = $1 or person_id = $1", person))
                            .chain(() -> tx.run("delete from membership where person_id = $1", person))
                            .chain(() -> tx.run("delete from actor_key where actor_id = $1", actor))
                            .chain(() -> tx.run("delete from actor_extra_key where actor_id = $1", actor))
                            .chain(() -> tx.run(
                                    "update person set display_name = username, summary = null, summary_html = null, icon_url = null, banner_url = null,"
                                            + " icon_id = null, banner_id = null,"
                                            + " fetched_at = null, updated_at = now() where id = $1",
                                    person))
                            .replaceWithVoid();
                });
    }
}
