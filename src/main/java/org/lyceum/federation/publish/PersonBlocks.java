package org.lyceum.federation.publish;

import io.smallrye.mutiny.Uni;
import java.util.List;
import org.lyceum.database.Sql;
import org.lyceum.federation.protocol.ActivityDocument;

/**
 * A person here blocking a person of another server (a BLOCK or UNBLOCK row without a community,
 * which is how it differs from a community ban): the blocker's own {@code Block} of the blocked
 * person's actor, as Mastodon sends it, to that person's (shared) inbox, and {@code Undo(Block)}
 * when it is lifted. Nothing else is addressed: a block is between the two servers.
 */
final class PersonBlocks {

    private PersonBlocks() {}

    static boolean applies(Pending a) {
        return !a.hasCommunity()
                && !a.received()
                && a.actorLocal()
                && a.targetId() != null
                && !a.targetLocal()
                && a.targetInbox() != null;
    }

    static Uni<List<Publisher.Send>> block(Sql tx, Pending a) {
        if (!applies(a)) {
            return Uni.createFrom().item(List.of());
        }
        // The block's id, kept with it; a block lifted before this row is published sends nothing.
        return tx.one(
                        "select ap_id from person_block where blocker_id = $1 and blocked_id = $2 and not mute",
                        r -> r.getString("ap_id"),
                        a.actorId(),
                        a.targetId())
                .map(id -> id == null
                        ? List.of()
                        : List.of(new Publisher.Send(
                                ActivityDocument.of(
                                        id,
                                        "Block",
                                        a.actor(),
                                        a.target(),
                                        List.of(a.target()),
                                        null,
                                        null,
                                        a.published()),
                                a.actor(),
                                List.of(a.targetInbox()))));
    }

    static Uni<List<Publisher.Send>> unblock(Pending a) {
        if (!applies(a) || a.undoes() == null) {
            return Uni.createFrom().item(List.of());
        }
        ActivityDocument block = ActivityDocument.of(a.undoes(), "Block", a.actor(), a.target(), null, null, null, null)
                .embedded();
        return Uni.createFrom()
                .item(List.of(new Publisher.Send(
                        ActivityDocument.of(
                                a.apId(), "Undo", a.actor(), block, List.of(a.target()), null, null, a.published()),
                        a.actor(),
                        List.of(a.targetInbox()))));
    }
}
