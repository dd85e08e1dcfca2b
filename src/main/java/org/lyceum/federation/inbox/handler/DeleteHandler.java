package org.lyceum.federation.inbox.handler;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Objects;
import org.lyceum.activity.ActivityLog;
import org.lyceum.activity.Verb;
import org.lyceum.content.ContentDeletion;
import org.lyceum.content.ContentRemoval;
import org.lyceum.database.Sql;
import org.lyceum.federation.inbox.ActivityHandler;
import org.lyceum.federation.inbox.Ignored;
import org.lyceum.federation.inbox.Lookup;
import org.lyceum.federation.inbox.Received;
import org.lyceum.federation.remote.RemoteActors;

/**
 * Delete of content by its author (soft, like a local deletion: a comment loses its text), or by
 * the group of the community it is in or one of its moderators: a removal, as Lemmy sends it
 * ({@link RemoteModeration}: reversible, logged, the author told the {@code summary}). A
 * person's Delete of itself, signed by itself (Mastodon and Lemmy send one when an account is
 * deleted), takes its content, likes, follows and memberships away here.
 */
@ApplicationScoped
public class DeleteHandler implements ActivityHandler {

    private final Lookup lookup;
    private final ActivityLog activities;
    private final RemoteModeration moderation;
    private final ContentRemoval removal;
    private final RemoteActors actors;

    DeleteHandler(
            Lookup lookup,
            ActivityLog activities,
            RemoteModeration moderation,
            ContentRemoval removal,
            RemoteActors actors) {
        this.lookup = lookup;
        this.activities = activities;
        this.moderation = moderation;
        this.removal = removal;
        this.actors = actors;
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
        if (r.via() != null) {
            // A moderator's removal announced by the group: their actor is stored, for the moderation log.
            return actors.byId(r.actor(), false).onFailure().recoverWithNull().replaceWith(r);
        }
        return Uni.createFrom().item(r);
    }

    @Override
    public Uni<Void> receive(Sql tx, Received r) {
        String objectId = Objects.requireNonNull(r.objectId(), "verify refuses a Delete of no object");
        if (objectId.equals(r.actor())) {
            return accountDeleted(tx, r);
        }
        return lookup.content(tx, objectId).chain(c -> {
            if (c == null) {
                return Uni.createFrom().voidItem();
            }
            if (r.via() != null && !c.communityApId().equals(r.via())) {
                throw new Ignored("a group announces deletions only in its own community");
            }
            if (!c.authorApId().equals(r.actor())) {
                // Someone else's content: a moderator's removal (Lemmy's Delete with a summary).
                return c.deleted() ? Uni.createFrom().voidItem() : moderation.remove(tx, r, c);
            }
            if (c.deleted()) {
                // The author deletes what a moderator removed: it can no longer be restored.
                return c.removed()
                        ? removal.deletedByAuthor(tx, c.id()).replaceWithVoid()
                        : Uni.createFrom().voidItem();
            }
            return tx.run(
                            "update content set deleted_at = now(), body = case when kind = 'COMMENT' then null else body end,"
                                    + " body_html = case when kind = 'COMMENT' then null else body_html end"
                                    + " where id = $1 and deleted_at is null",
                            c.id())
                    .chain(n -> n == 0
                            ? Uni.createFrom().voidItem()
                            : activities
                                    .received(
                                            tx,
                                            Verb.DELETE,
                                            r.id(),
                                            r.host(),
                                            c.authorId(),
                                            c.communityId(),
                                            c.id(),
                                            null)
                                    .replaceWithVoid());
        });
    }

    /**
     * A remote account deleted at its home: its content goes as a local deletion would, its ties
     * here are cut, and its keys and profile are forgotten, so a later lookup asks its server
     * again (which answers 410) and its old key opens no inbox here.
     */
    private Uni<Void> accountDeleted(Sql tx, Received r) {
        String actor = r.actor();
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
                    // Lemmy's removeData says whether the content goes too; Mastodon sends none and deletes it.
                    boolean removeData = !r.json().path("removeData").isBoolean()
                            || r.json().path("removeData").asBoolean();
                    return (removeData
                                    ? tx.run(ContentDeletion.BY_AUTHOR, person)
                                    : Uni.createFrom().item(0))
                            .chain(() -> tx.run("delete from liking where person_id = $1", person))
                            .chain(() -> tx.run("delete from follow where follower_id = $1 or person_id = $1", person))
                            .chain(() -> tx.run("delete from membership where person_id = $1", person))
                            .chain(() -> tx.run("delete from actor_key where actor_id = $1", actor))
                            .chain(() -> tx.run("delete from actor_extra_key where actor_id = $1", actor))
                            .chain(() -> tx.run(
                                    "update person set display_name = username, summary = null, summary_html = null, icon_url = null, banner_url = null,"
                                            + " icon_id = null, banner_id = null,"
                                            + " fetched_at = null, deleted_at = now(), updated_at = now() where id = $1",
                                    person))
                            .replaceWithVoid();
                });
    }
}
