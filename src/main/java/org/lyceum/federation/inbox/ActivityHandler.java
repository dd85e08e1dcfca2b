package org.lyceum.federation.inbox;

import io.smallrye.mutiny.Uni;
import org.lyceum.database.Sql;

/**
 * What one activity type does when it arrives. {@code verify} checks it and fetches what it
 * needs (remote actors, announced objects) outside any transaction; {@code receive} applies it in
 * the transaction that also marks it processed, and must have no second effect on a replay.
 * Either fails with {@link Ignored} to drop the activity.
 */
public interface ActivityHandler {

    String type();

    Uni<Received> verify(Received activity);

    Uni<Void> receive(Sql tx, Received activity);
}
