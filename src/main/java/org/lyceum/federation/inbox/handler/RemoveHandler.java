package org.lyceum.federation.inbox.handler;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.lyceum.database.Sql;
import org.lyceum.federation.inbox.ActivityHandler;
import org.lyceum.federation.inbox.Received;

/** A Remove from a remote community's featured collection: the object is no longer featured here. */
@ApplicationScoped
public class RemoveHandler implements ActivityHandler {

    private final FeaturedChange change;

    RemoveHandler(FeaturedChange change) {
        this.change = change;
    }

    @Override
    public String type() {
        return "Remove";
    }

    @Override
    public Uni<Received> verify(Received r) {
        return change.verify(r);
    }

    @Override
    public Uni<Void> receive(Sql tx, Received r) {
        return change.receive(tx, r, false);
    }
}
