package org.lyceum.federation.actor;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.lyceum.instance.InstanceConfig;

/** Where this instance's NodeInfo documents are. */
@Path("/.well-known/nodeinfo")
public class NodeInfoLinksResource {

    private final InstanceConfig instance;

    NodeInfoLinksResource(InstanceConfig instance) {
        this.instance = instance;
    }

    @GET
    public Response links() {
        JsonObject body = new JsonObject()
                .put(
                        "links",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("rel", NodeInfoResource.SCHEMA)
                                        .put("href", instance.baseUrl() + "/nodeinfo/2.1")));
        return Response.ok(body.encode(), "application/json")
                .header("Access-Control-Allow-Origin", "*")
                .build();
    }
}
