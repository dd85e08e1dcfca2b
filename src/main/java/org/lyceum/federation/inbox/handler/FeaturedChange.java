package org.lyceum.federation.inbox.handler;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.lyceum.database.Sql;
import org.lyceum.federation.inbox.ActivityHandler;
import org.lyceum.federation.inbox.Ignored;
import org.lyceum.federation.inbox.Lookup;
import org.lyceum.federation.inbox.Origin;
import org.lyceum.federation.inbox.Received;
import org.lyceum.federation.protocol.Json;
import org.lyceum.moderation.ModAction;
import org.lyceum.moderation.Modlog;
import org.lyceum.moderation.ModlogEntry;

/**
 * An Add or Remove whose {@code target} is the featured collection of another server's community
 * (Lemmy pins a post so): by the group, or by one of its moderators on the group's server (the
 * server vouches for its moderators, as with a Block), perhaps announced by the group. The object
 * must already be here, in that community. Any other Add or Remove is ignored, as before.
 * {@link Add} and {@link Remove} are this with the type, as FollowAnswerHandler's Accept and Reject.
 */
public abstract class FeaturedChange implements ActivityHandler {

    private static final Set<String> FEATURABLE = Set.of("COLLECTION", "RESOURCE", "THREAD");

    private final Lookup lookup;
    private final Modlog modlog;

    FeaturedChange(Lookup lookup, Modlog modlog) {
        this.lookup = lookup;
        this.modlog = modlog;
    }

    @Override
    public Uni<Received> verify(Received r) {
        String target = Json.id(r.json().get("target"));
        if (target == null || lookup.local(target)) {
            throw new Ignored("changes no collection of another server's community");
        }
        String host = Origin.hostOf(target);
        if (!Objects.equals(host, r.host())) {
            throw new Ignored("a community's featured collection is changed from that community's server");
        }
        if (r.via() != null && !Objects.equals(Origin.hostOf(r.via()), host)) {
            throw new Ignored("a group announces changes of its own community only");
        }
        return Uni.createFrom().item(r);
    }

    Uni<Void> apply(Sql tx, Received r, boolean add) {
        String target = Json.id(r.json().get("target"));
        return tx.one(
                        "select id, ap_id from community where host is not null and deleted_at is null"
                                + " and coalesce(featured_url, ap_id || '/featured') = $1",
                        row -> new Object[] {row.getUUID("id"), row.getString("ap_id")},
                        target)
                .chain(community -> {
                    if (community == null) {
                        throw new Ignored("names no featured collection of a community here");
                    }
                    UUID communityId = (UUID) community[0];
                    if (r.via() != null && !r.via().equals(community[1])) {
                        throw new Ignored("a group announces changes of its own community only");
                    }
                    return lookup.content(tx, r.objectId()).chain(c -> {
                        if (c == null || c.deleted() || !c.communityId().equals(communityId)) {
                            throw new Ignored("features something not here in that community");
                        }
                        if (!FEATURABLE.contains(c.kind())) {
                            throw new Ignored("only collections, resources and threads are featured");
                        }
                        return (add
                                        ? tx.run(
                                                "insert into featured (id, community_id, content_id) values ($1, $2, $3)"
                                                        + " on conflict do nothing",
                                                UUID.randomUUID(),
                                                communityId,
                                                c.id())
                                        : tx.run(
                                                "delete from featured where community_id = $1 and content_id = $2",
                                                communityId,
                                                c.id()))
                                .chain(n -> n == 0
                                        ? Uni.createFrom().item(0)
                                        : modlog.record(
                                                tx,
                                                ModlogEntry.onContent(
                                                                add ? ModAction.FEATURE : ModAction.UNFEATURE,
                                                                null,
                                                                c.id(),
                                                                null,
                                                                c.authorId(),
                                                                communityId,
                                                                null)
                                                        .received(r.id())))
                                .replaceWithVoid();
                    });
                });
    }

    /** An Add to a remote community's featured collection: the object is featured (pinned) here too. */
    @Singleton
    public static class Add extends FeaturedChange {
        Add(Lookup lookup, Modlog modlog) {
            super(lookup, modlog);
        }

        @Override
        public String type() {
            return "Add";
        }

        @Override
        public Uni<Void> receive(Sql tx, Received r) {
            return apply(tx, r, true);
        }
    }

    /** A Remove from a remote community's featured collection: the object is no longer featured here. */
    @Singleton
    public static class Remove extends FeaturedChange {
        Remove(Lookup lookup, Modlog modlog) {
            super(lookup, modlog);
        }

        @Override
        public String type() {
            return "Remove";
        }

        @Override
        public Uni<Void> receive(Sql tx, Received r) {
            return apply(tx, r, false);
        }
    }
}
