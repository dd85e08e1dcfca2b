package org.lyceum.lock;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Leases in etcd, the consensus store in the role Consul plays for ConsulMutEx, through its v3
 * JSON gateway over Vert.x' HTTP client (no gRPC stack, nothing blocks). A lock is a key bound to
 * an etcd lease, created only if absent in one transaction; the revision of that transaction is
 * the fencing token (etcd's revisions grow strictly, cluster-wide). etcd expires the lease with
 * its own clock and deletes the key with it. A second key per name, written in the same
 * transaction and never deleted, remembers the newest token after the lock is released.
 *
 * <p>etcd counts lease time in whole seconds and grants at least its minimum TTL (2 s with the
 * default election timeout), so leases shorter than that last that long.
 */
@ApplicationScoped
public class EtcdLockBackend implements LockBackend {

    private static final Base64.Encoder B64 = Base64.getEncoder();
    private static final Base64.Decoder UNB64 = Base64.getDecoder();
    private static final long REQUEST_TIMEOUT_MS = 5_000;

    private final HttpClient http;
    private final String host;
    private final int port;

    @Inject
    EtcdLockBackend(Vertx vertx, LockConfig config) {
        this(vertx, config.etcdEndpoint());
    }

    EtcdLockBackend(Vertx vertx, String endpoint) {
        URI uri = URI.create(endpoint);
        this.host = uri.getHost();
        this.port = uri.getPort() < 0 ? 2379 : uri.getPort();
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setKeepAlive(true)
                .setMaxPoolSize(16)
                .setConnectTimeout(5_000)
                .setIdleTimeout(30));
    }

    @Override
    public Uni<Optional<Lease>> tryAcquire(String name, String holder, Duration leaseTime) {
        // A cheap look first: contenders spinning on a held lock should not grant leases.
        return current(name).chain(held -> {
            if (held != null) {
                return Uni.createFrom().item(Optional.<Lease>empty());
            }
            long ttl = Math.max(1, (leaseTime.toMillis() + 999) / 1000);
            return call("/v3/lease/grant", new JsonObject().put("TTL", ttl)).chain(grant -> {
                String leaseId = grant.getString("ID");
                long granted = Long.parseLong(grant.getString("TTL", String.valueOf(ttl)));
                JsonObject txn = new JsonObject()
                        .put(
                                "compare",
                                new JsonArray()
                                        .add(new JsonObject()
                                                .put("key", key(name))
                                                .put("target", "CREATE")
                                                .put("result", "EQUAL")
                                                .put("create_revision", "0")))
                        .put(
                                "success",
                                new JsonArray()
                                        .add(put(key(name), holder + "\n" + leaseId, leaseId))
                                        .add(put(tokenKey(name), "", null)));
                return call("/v3/kv/txn", txn).chain(result -> {
                    if (!result.getBoolean("succeeded", false)) {
                        return revoke(leaseId).replaceWith(Optional.<Lease>empty());
                    }
                    long token = Long.parseLong(result.getJsonObject("header").getString("revision"));
                    return Uni.createFrom()
                            .item(Optional.of(
                                    new Lease(name, holder, token, Instant.now().plusSeconds(granted))));
                });
            });
        });
    }

    @Override
    public Uni<Optional<Lease>> renew(Lease lease, Duration leaseTime) {
        return current(lease.name()).chain(held -> {
            if (held == null || held.token() != lease.token() || !held.holder().equals(lease.holder())) {
                return Uni.createFrom().item(Optional.<Lease>empty());
            }
            // etcd renews to the TTL granted at acquisition; leaseTime cannot change it.
            return call("/v3/lease/keepalive", new JsonObject().put("ID", held.leaseId()))
                    .map(answer -> {
                        JsonObject result = answer.getJsonObject("result", new JsonObject());
                        long ttl = Long.parseLong(result.getString("TTL", "0"));
                        return ttl <= 0
                                ? Optional.<Lease>empty()
                                : Optional.of(new Lease(
                                        lease.name(),
                                        lease.holder(),
                                        lease.token(),
                                        Instant.now().plusSeconds(ttl)));
                    });
        });
    }

    @Override
    public Uni<Boolean> release(Lease lease) {
        return current(lease.name()).chain(held -> {
            if (held == null || held.token() != lease.token() || !held.holder().equals(lease.holder())) {
                return Uni.createFrom().item(false);
            }
            JsonObject txn = new JsonObject()
                    .put(
                            "compare",
                            new JsonArray()
                                    .add(new JsonObject()
                                            .put("key", key(lease.name()))
                                            .put("target", "MOD")
                                            .put("result", "EQUAL")
                                            .put("mod_revision", String.valueOf(lease.token()))))
                    .put(
                            "success",
                            new JsonArray()
                                    .add(new JsonObject()
                                            .put(
                                                    "request_delete_range",
                                                    new JsonObject().put("key", key(lease.name())))));
            return call("/v3/kv/txn", txn).chain(result -> {
                boolean released = result.getBoolean("succeeded", false);
                return revoke(held.leaseId()).replaceWith(released);
            });
        });
    }

    @Override
    public Uni<Long> newestToken(String name) {
        return call("/v3/kv/range", new JsonObject().put("key", tokenKey(name))).map(result -> {
            JsonArray kvs = result.getJsonArray("kvs");
            return kvs == null || kvs.isEmpty()
                    ? 0L
                    : Long.parseLong(kvs.getJsonObject(0).getString("mod_revision"));
        });
    }

    /** The live lease on the name, or null. */
    private Uni<Held> current(String name) {
        return call("/v3/kv/range", new JsonObject().put("key", key(name))).map(result -> {
            JsonArray kvs = result.getJsonArray("kvs");
            if (kvs == null || kvs.isEmpty()) {
                return null;
            }
            JsonObject kv = kvs.getJsonObject(0);
            String[] value = new String(UNB64.decode(kv.getString("value", "")), StandardCharsets.UTF_8).split("\n", 2);
            return new Held(value[0], value.length > 1 ? value[1] : "0", Long.parseLong(kv.getString("mod_revision")));
        });
    }

    private Uni<Void> revoke(String leaseId) {
        // A lease already expired answers "not found"; either way it is gone.
        return call("/v3/lease/revoke", new JsonObject().put("ID", leaseId))
                .replaceWithVoid()
                .onFailure()
                .recoverWithNull();
    }

    private static JsonObject put(String key, String value, @Nullable String leaseId) {
        JsonObject put = new JsonObject()
                .put("key", key)
                .put("value", B64.encodeToString(value.getBytes(StandardCharsets.UTF_8)));
        if (leaseId != null) {
            put.put("lease", leaseId);
        }
        return new JsonObject().put("request_put", put);
    }

    private Uni<JsonObject> call(String path, JsonObject body) {
        // Bounded, so a stuck etcd makes a renewal fail (and the work stop) rather than hang.
        return http.request(new RequestOptions()
                        .setMethod(HttpMethod.POST)
                        .setHost(host)
                        .setPort(port)
                        .setURI(path)
                        .setTimeout(REQUEST_TIMEOUT_MS))
                .chain(request ->
                        request.putHeader("content-type", "application/json").send(Buffer.buffer(body.encode())))
                .chain(response -> response.body().map(buffer -> parse(path, response, buffer)));
    }

    private static JsonObject parse(String path, HttpClientResponse response, Buffer body) {
        JsonObject json = new JsonObject(body.toString());
        if (response.statusCode() != 200 && !path.endsWith("/revoke")) {
            throw new IllegalStateException(
                    "etcd " + path + " answered " + response.statusCode() + ": " + json.getString("message"));
        }
        return json;
    }

    private static String key(String name) {
        return B64.encodeToString(("/lyceum/lock/" + name).getBytes(StandardCharsets.UTF_8));
    }

    private static String tokenKey(String name) {
        return B64.encodeToString(("/lyceum/lock-token/" + name).getBytes(StandardCharsets.UTF_8));
    }

    private record Held(String holder, String leaseId, long token) {}
}
