package org.lyceum.federation.inbox.handler;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.lyceum.database.Sql;
import org.lyceum.federation.inbox.ActivityHandler;
import org.lyceum.federation.inbox.Ignored;
import org.lyceum.federation.inbox.Received;

/** Lemmy's Lock of a post by a remote group's moderator: the thread takes no new replies here ({@link RemoteModeration}). */
@ApplicationScoped
public class LockHandler implements ActivityHandler {

    private final RemoteModeration moderation;

    LockHandler(RemoteModeration moderation) {
        this.moderation = moderation;
    }

    @Override
    public String type() {
        return "Lock";
    }

    @Override
    public Uni<Received> verify(Received r) {
        if (r.objectId() == null) {
            throw new Ignored("names no object");
        }
        return Uni.createFrom().item(r);
    }

    @Override
    public Uni<Void> receive(Sql tx, Received r) {
        return moderation.lock(tx, r, r.objectId(), true);
    }
}
