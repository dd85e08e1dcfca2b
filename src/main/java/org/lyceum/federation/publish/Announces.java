package org.lyceum.federation.publish;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.lyceum.database.Sql;
import org.lyceum.federation.protocol.ActivityDocument;
import org.lyceum.federation.protocol.Json;
import org.lyceum.federation.protocol.ObjectDocument;
import org.lyceum.instance.InstanceConfig;

/** How a community here passes on what happens in it (FEP-1b12): its group announces it. */
@ApplicationScoped
class Announces {

    private final String base;

    Announces(InstanceConfig instance) {
        this.base = instance.baseUrl();
    }

    /**
     * The group's Announce of {@code activity} to the community's remote members and followers, and
     * for a public community's {@code created} object also a bare Announce of it, as Mastodon reads.
     */
    Uni<List<Publisher.Send>> of(Sql tx, Pending a, ActivityDocument activity, @Nullable ObjectDocument created) {
        return tx.list(
                        "select distinct coalesce(p.shared_inbox, p.inbox) inbox from person p where p.host is not null"
                                + " and coalesce(p.shared_inbox, p.inbox) is not null and (p.id in (select person_id from membership"
                                + " where community_id = $1 and state = 'JOINED') or p.id in (select follower_id from follow where community_id = $1))",
                        r -> r.getString("inbox"),
                        a.communityId())
                .map(inboxes -> {
                    if (inboxes.isEmpty()) {
                        return List.of();
                    }
                    // A private community's announces are addressed to its members only, never to Public.
                    List<String> to =
                            a.communityPublic() ? List.of(Json.PUBLIC) : List.of(a.community() + "/followers");
                    List<String> cc = a.communityPublic() ? List.of(a.community() + "/followers") : List.of();
                    List<Publisher.Send> sends = new ArrayList<>();
                    sends.add(announce(a, "/announce", activity.embedded(), to, cc, inboxes));
                    if (created != null && a.communityPublic()) {
                        sends.add(announce(a, "/announce-object", created.id(), to, cc, inboxes));
                    }
                    return sends;
                });
    }

    private Publisher.Send announce(
            Pending a, String suffix, Object object, List<String> to, List<String> cc, List<String> inboxes) {
        return new Publisher.Send(
                ActivityDocument.of(
                        base + "/activities/" + a.id() + suffix,
                        "Announce",
                        a.community(),
                        object,
                        to,
                        cc,
                        a.community(),
                        a.published()),
                a.community(),
                inboxes);
    }
}
