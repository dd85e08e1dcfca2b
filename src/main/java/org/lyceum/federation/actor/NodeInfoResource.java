package org.lyceum.federation.actor;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.lyceum.account.RegistrationConfig;
import org.lyceum.account.RegistrationPolicy;
import org.lyceum.database.Sql;
import org.lyceum.instance.InstanceConfig;

/**
 * NodeInfo 2.1: what software this is and how big, for fediverse crawlers and for peers such as
 * Lemmy, which stop sending to hosts whose NodeInfo stays silent.
 */
@Path("/nodeinfo/2.1")
public class NodeInfoResource {

    static final String SCHEMA = "http://nodeinfo.diaspora.software/ns/schema/2.1";

    private final Sql sql;
    private final InstanceConfig instance;
    private final RegistrationConfig registration;
    private final String version;

    NodeInfoResource(
            Sql sql,
            InstanceConfig instance,
            RegistrationConfig registration,
            @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown") String version) {
        this.sql = sql;
        this.instance = instance;
        this.registration = registration;
        this.version = version;
    }

    @GET
    public Uni<Response> nodeInfo() {
        return sql.one(
                        "select (select count(*) from account) as users,"
                                + " (select count(distinct a.actor_id) from activity a join account u on u.person_id = a.actor_id"
                                + "  where a.host is null and a.published_at > now() - interval '30 days') as month,"
                                + " (select count(distinct a.actor_id) from activity a join account u on u.person_id = a.actor_id"
                                + "  where a.host is null and a.published_at > now() - interval '180 days') as halfyear,"
                                + " (select count(*) from content where host is null and deleted_at is null"
                                + "  and kind in ('THREAD', 'COMMENT', 'RESOURCE')) as posts",
                        r -> new JsonObject()
                                .put("version", "2.1")
                                .put(
                                        "software",
                                        new JsonObject().put("name", "lyceum").put("version", version))
                                .put("protocols", new JsonArray().add("activitypub"))
                                .put(
                                        "services",
                                        new JsonObject()
                                                .put("inbound", new JsonArray())
                                                .put("outbound", new JsonArray()))
                                .put("openRegistrations", registration.policy() == RegistrationPolicy.OPEN)
                                .put(
                                        "usage",
                                        new JsonObject()
                                                .put(
                                                        "users",
                                                        new JsonObject()
                                                                .put("total", r.getLong("users"))
                                                                .put("activeMonth", r.getLong("month"))
                                                                .put("activeHalfyear", r.getLong("halfyear")))
                                                .put("localPosts", r.getLong("posts")))
                                .put(
                                        "metadata",
                                        new JsonObject()
                                                .put("nodeName", instance.name())
                                                .put("nodeDescription", instance.description())))
                .map(body -> Response.ok(body.encode(), "application/json; profile=\"" + SCHEMA + "#\"")
                        .header("Access-Control-Allow-Origin", "*")
                        .build());
    }
}
