package org.lyceum.federation.inbox.handler;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.lyceum.activity.ActivityLog;
import org.lyceum.activity.Verb;
import org.lyceum.database.Sql;
import org.lyceum.federation.inbox.ActivityHandler;
import org.lyceum.federation.inbox.Ignored;
import org.lyceum.federation.inbox.Lookup;
import org.lyceum.federation.inbox.Received;

/**
 * Delete of content by its author, or by the group of the community it is in (a moderator's
 * removal, as Lemmy announces it). Soft, like a local deletion: a comment loses its text.
 */
@ApplicationScoped
public class DeleteHandler implements ActivityHandler {

    private final Lookup lookup;
    private final ActivityLog activities;

    DeleteHandler(Lookup lookup, ActivityLog activities) {
        this.lookup = lookup;
        this.activities = activities;
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
        if (r.objectId().equals(r.actor())) {
            throw new Ignored("deletions of accounts are not applied yet");
        }
        return Uni.createFrom().item(r);
    }

    @Override
    public Uni<Void> receive(Sql tx, Received r) {
        return lookup.content(tx, r.objectId()).chain(c -> {
            if (c == null || c.deleted()) {
                return Uni.createFrom().voidItem();
            }
            if (r.via() != null && !c.communityApId().equals(r.via())) {
                throw new Ignored("a group announces deletions only in its own community");
            }
            boolean byGroup = c.communityApId().equals(r.actor()) || c.communityApId().equals(r.via());
            if (!c.authorApId().equals(r.actor()) && !byGroup) {
                throw new Ignored("only the author or the community's group deletes");
            }
            return tx.run("update content set deleted_at = now(), body = case when kind = 'COMMENT' then null else body end"
                            + " where id = $1 and deleted_at is null", c.id())
                    .chain(n -> n == 0 ? Uni.createFrom().voidItem()
                            : lookup.requirePerson(tx, r.actor()).onFailure().recoverWithItem(c.authorId())
                            .chain(actor -> activities.received(tx, Verb.DELETE, r.id(), r.host(), actor == null ? c.authorId() : actor,
                                    c.communityId(), c.id(), null)).replaceWithVoid());
        });
    }
}
