package org.lyceum.federation.inbox.handler;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.lyceum.database.Sql;
import org.lyceum.federation.inbox.ActivityHandler;
import org.lyceum.federation.inbox.Received;

/** An Add to a remote community's featured collection: the object is featured (pinned) here too. */
@ApplicationScoped
public class AddHandler implements ActivityHandler {

    private final FeaturedChange change;

    AddHandler(FeaturedChange change) {
        this.change = change;
    }

    @Override
    public String type() {
        return "Add";
    }

    @Override
    public Uni<Received> verify(Received r) {
        return change.verify(r);
    }

    @Override
    public Uni<Void> receive(Sql tx, Received r) {
        return change.receive(tx, r, true);
    }
}
