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
import org.lyceum.federation.remote.RemoteActors;

/** Like of content this instance knows; a second Like of the same by the same person counts once. */
@ApplicationScoped
public class LikeHandler implements ActivityHandler {

    private final Lookup lookup;
    private final RemoteActors actors;
    private final ActivityLog activities;

    LikeHandler(Lookup lookup, RemoteActors actors, ActivityLog activities) {
        this.lookup = lookup;
        this.actors = actors;
        this.activities = activities;
    }

    @Override
    public String type() {
        return "Like";
    }

    @Override
    public Uni<Received> verify(Received r) {
        return lookup.local(r.actor())
                ? Uni.createFrom().item(r)
                : actors.byId(r.actor(), false).replaceWith(r);
    }

    @Override
    public Uni<Void> receive(Sql tx, Received r) {
        return lookup.content(tx, r.objectId()).chain(c -> {
            if (c == null || c.deleted()) {
                throw new Ignored("likes something not here");
            }
            if (c.communityLocal() && lookup.silenced(r.actor())) {
                throw new Ignored("the actor's domain is silenced here");
            }
            if (r.via() != null && !c.communityApId().equals(r.via())) {
                throw new Ignored("a group announces likes only of its own community's content");
            }
            return lookup.requirePerson(tx, r.actor()).chain(person -> (c.communityLocal()
                            ? lookup.inGoodStanding(tx, person, c.communityId())
                            : Uni.createFrom().item(true))
                    .chain(ok -> {
                        if (!ok) {
                            throw new Ignored("only members react in a community");
                        }
                        return tx.run(
                                "insert into liking (person_id, object_id, ap_id) values ($1, $2, $3) on conflict do nothing",
                                person,
                                c.id(),
                                r.id());
                    })
                    .chain(n -> n == 0
                            ? Uni.createFrom().voidItem()
                            : activities
                                    .received(tx, Verb.LIKE, r.id(), r.host(), person, c.communityId(), c.id(), null)
                                    .replaceWithVoid()));
        });
    }
}
