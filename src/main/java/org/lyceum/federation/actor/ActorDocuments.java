package org.lyceum.federation.actor;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lyceum.database.Sql;
import org.lyceum.database.SqlRow;
import org.lyceum.federation.protocol.ActorDocument;
import org.lyceum.instance.InstanceConfig;

/** The ActivityPub documents of this instance's people, communities and of the instance itself. */
@ApplicationScoped
public class ActorDocuments {

    /** An actor document, or the time its actor was deleted. */
    public record Found(@Nullable ActorDocument document, @Nullable String deletedAt, String id, String formerType) {}

    private final Sql sql;
    private final ActorKeys keys;
    private final InstanceConfig instance;

    ActorDocuments(Sql sql, ActorKeys keys, InstanceConfig instance) {
        this.sql = sql;
        this.keys = keys;
        this.instance = instance;
    }

    public Uni<Found> person(UUID id) {
        return sql.one(
                        "select ap_id, username, display_name, summary, icon_url, created_at from person where id = $1 and host is null",
                        r -> r,
                        id)
                .chain(r -> r == null
                        ? Uni.createFrom().nullItem()
                        : keys.publicKeyOf(r.getString("ap_id"))
                                .map(key -> new Found(
                                        document(
                                                r,
                                                "Person",
                                                r.getString("username"),
                                                r.getString("display_name"),
                                                key,
                                                false),
                                        null,
                                        r.getString("ap_id"),
                                        "Person")));
    }

    public Uni<Found> community(UUID id) {
        return sql.one(
                        "select ap_id, name, title, summary, icon_url, visibility, created_at, deleted_at from community"
                                + " where id = $1 and host is null",
                        r -> r,
                        id)
                .chain(r -> {
                    if (r == null) {
                        return Uni.createFrom().nullItem();
                    }
                    if (r.getOffsetDateTime("deleted_at") != null) {
                        return Uni.createFrom()
                                .item(new Found(
                                        null,
                                        DateTimeFormatter.ISO_INSTANT.format(r.getOffsetDateTime("deleted_at")),
                                        r.getString("ap_id"),
                                        "Group"));
                    }
                    return keys.publicKeyOf(r.getString("ap_id"))
                            .map(key -> new Found(
                                    document(
                                            r,
                                            "Group",
                                            r.getString("name"),
                                            r.getString("title"),
                                            key,
                                            "PRIVATE".equals(r.getString("visibility"))),
                                    null,
                                    r.getString("ap_id"),
                                    "Group"));
                });
    }

    /** The instance's own actor, which signs fetches and reports. */
    public Uni<Found> instanceActor() {
        String id = instance.baseUrl() + "/actor";
        return keys.publicKeyOf(id)
                .map(key -> new Found(
                        new ActorDocument(
                                ActorDocument.CONTEXT,
                                id,
                                "Application",
                                java.net.URI.create(instance.baseUrl()).getHost(),
                                instance.name(),
                                instance.description(),
                                null,
                                id + "/inbox",
                                id + "/outbox",
                                null,
                                null,
                                null,
                                true,
                                null,
                                new ActorDocument.Endpoints(instance.baseUrl() + "/inbox"),
                                new ActorDocument.PublicKey(key.keyId(), id, key.pem())),
                        null,
                        id,
                        "Application"));
    }

    private ActorDocument document(
            SqlRow r, String type, String handle, String name, ActorKeys.PublicKey key, boolean approves) {
        String id = r.getString("ap_id");
        String icon = r.getString("icon_url");
        boolean group = type.equals("Group");
        return new ActorDocument(
                ActorDocument.CONTEXT,
                id,
                type,
                handle,
                name,
                r.getString("summary"),
                icon == null ? null : new ActorDocument.Image("Image", icon),
                id + "/inbox",
                id + "/outbox",
                id + "/followers",
                group ? id + "/featured" : null,
                group ? id + "/moderators" : null,
                approves,
                DateTimeFormatter.ISO_INSTANT.format(r.getOffsetDateTime("created_at")),
                new ActorDocument.Endpoints(instance.baseUrl() + "/inbox"),
                new ActorDocument.PublicKey(key.keyId(), id, key.pem()));
    }
}
