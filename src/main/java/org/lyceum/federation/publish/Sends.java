package org.lyceum.federation.publish;

import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lyceum.database.Sql;
import org.lyceum.federation.protocol.ActivityDocument;

/** Small pieces that {@link Outgoing} and {@link Follows} both build their sends from. */
final class Sends {

    private Sends() {}

    /** The activity to one inbox, signed by {@code signer}; nothing when there is no inbox. */
    static Uni<List<Publisher.Send>> one(ActivityDocument activity, String signer, @Nullable String inbox) {
        return Uni.createFrom()
                .item(inbox == null ? List.of() : List.of(new Publisher.Send(activity, signer, List.of(inbox))));
    }

    static Uni<List<Publisher.Send>> none() {
        return Uni.createFrom().item(List.of());
    }

    /** The id other servers know an object by: a thread's opening comment goes by its thread's. */
    static Uni<String> objectApId(Sql tx, UUID id) {
        return tx.one(
                "select case when c.kind = 'COMMENT' and c.in_reply_to is null then t.ap_id else c.ap_id end ap_id"
                        + " from content c left join content t on t.id = c.thread_id where c.id = $1",
                r -> r.getString("ap_id"),
                id);
    }
}
