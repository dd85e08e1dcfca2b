package org.lyceum.federation.publish;

import static org.lyceum.federation.publish.Sends.none;
import static org.lyceum.federation.publish.Sends.one;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.lyceum.database.Sql;
import org.lyceum.federation.protocol.ActivityDocument;
import org.lyceum.federation.protocol.Json;
import org.lyceum.instance.InstanceConfig;

/**
 * A ban in a community here of someone elsewhere (a BLOCK or UNBLOCK row with a community; without
 * one it is a person's block, {@link PersonBlocks}): the moderator's {@code Block}, as Lemmy sends
 * a ban, and its {@code Undo} when the ban is lifted.
 */
@ApplicationScoped
class CommunityBans {

    private final Announces announces;
    private final String base;

    CommunityBans(Announces announces, InstanceConfig instance) {
        this.announces = announces;
        this.base = instance.baseUrl();
    }

    /** A ban in a community here of someone elsewhere: the group's Block, to them and announced to the members. */
    Uni<List<Publisher.Send>> ban(Sql tx, Pending a) {
        if (!a.communityLocal() || a.targetId() == null || a.targetLocal()) {
            return none();
        }
        return tx.one(
                        "select ap_id, reason, to_char(expires_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
                                + " expires from community_ban where community_id = $1 and person_id = $2",
                        r -> new String[] {r.getString("ap_id"), r.getString("reason"), r.getString("expires")},
                        a.communityId(),
                        a.targetId())
                .chain(ban -> {
                    if (ban == null || ban[0] == null) {
                        return none();
                    }
                    // As Lemmy sends a ban: by the moderator, with the community as target and its end as expires;
                    // the group announces it.
                    ActivityDocument block = ActivityDocument.of(
                                    ban[0], "Block", a.actor(), a.target(), to(a), cc(a), a.community(), a.published())
                            .with(a.community(), ban[1], false)
                            .expiring(ban[2]);
                    return announces.of(tx, a, block, null).map(sent -> {
                        List<Publisher.Send> all = new ArrayList<>(sent);
                        if (a.targetInbox() != null) {
                            all.add(new Publisher.Send(block, a.actor(), List.of(a.targetInbox())));
                        }
                        return all;
                    });
                });
    }

    /** The ban lifted: the Undo of the Block, to the person it banned. */
    Uni<List<Publisher.Send>> unban(Pending a) {
        if (!a.communityLocal() || a.targetId() == null || a.targetLocal() || a.undoes() == null) {
            return none();
        }
        ActivityDocument block = ActivityDocument.of(
                        a.undoes(), "Block", a.actor(), a.target(), to(a), cc(a), a.community(), null)
                .with(a.community(), null, false);
        return one(
                ActivityDocument.of(
                        base + "/activities/" + a.id(),
                        "Undo",
                        a.actor(),
                        block.embedded(),
                        to(a),
                        cc(a),
                        a.community(),
                        a.published()),
                a.actor(),
                a.targetInbox());
    }

    // Lemmy requires to and cc on a ban and its Undo (and refuses them without): public, or the
    // community for a private one, as ModerationDocuments addresses moderators' actions.
    private static List<String> to(Pending a) {
        return a.communityPublic() ? List.of(Json.PUBLIC) : List.of(a.community());
    }

    private static List<String> cc(Pending a) {
        return List.of(a.community());
    }
}
