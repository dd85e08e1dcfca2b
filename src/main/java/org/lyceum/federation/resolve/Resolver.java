package org.lyceum.federation.resolve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.lyceum.common.DomainException;
import org.lyceum.common.ErrorCode;
import org.lyceum.database.Sql;
import org.lyceum.federation.Authority;
import org.lyceum.federation.FederationConfig;
import org.lyceum.federation.fetch.FetchRefusedException;
import org.lyceum.federation.fetch.SafeFetcher;
import org.lyceum.federation.protocol.Json;
import org.lyceum.federation.remote.RemoteActors;
import org.lyceum.federation.remote.SignedGet;
import org.lyceum.instance.InstanceConfig;

/**
 * Turns what a user typed (a handle such as {@code @name@host}, or the URL of an actor or of
 * content) into a local row: this instance's own directly, others' through WebFinger and their
 * documents, content with what it hangs from ({@link RemoteObjects}). Where a name is both a
 * person and a group, the group wins: Lyceum is about communities.
 */
@ApplicationScoped
public class Resolver {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(Resolver.class);

    /** What a query named: a person, community or content row. */
    public record Resolved(java.util.UUID id, Kind kind) {}

    public enum Kind {
        PERSON,
        COMMUNITY,
        CONTENT
    }

    private static final Pattern HANDLE = Pattern.compile("^(?:acct:)?@?([^@\\s/]+)@([^@\\s/]+)$");

    private final Sql sql;
    private final SafeFetcher http;
    private final RemoteActors actors;
    private final ObjectMapper mapper;
    private final FederationConfig config;
    private final String ownHost;
    private final org.lyceum.federation.policy.DomainPolicy policy;
    private final SignedGet get;
    private final RemoteObjects objects;

    Resolver(
            Sql sql,
            SafeFetcher http,
            SignedGet get,
            RemoteObjects objects,
            RemoteActors actors,
            ObjectMapper mapper,
            FederationConfig config,
            InstanceConfig instance,
            org.lyceum.federation.policy.DomainPolicy policy) {
        this.policy = policy;
        this.get = get;
        this.objects = objects;
        this.sql = sql;
        this.http = http;
        this.actors = actors;
        this.mapper = mapper;
        this.config = config;
        this.ownHost = Authority.of(URI.create(instance.baseUrl()));
    }

    public Uni<Resolved> resolve(String query) {
        String q = query == null ? "" : query.strip();
        Matcher handle = HANDLE.matcher(q);
        Uni<Resolved> found;
        if (handle.matches()) {
            String name = handle.group(1);
            String host = handle.group(2).toLowerCase(java.util.Locale.ROOT);
            if (host.equals(ownHost)) {
                return local(
                        "lower(name) = lower($1) and host is null and deleted_at is null",
                        "lower(username) = lower($1) and host is null",
                        name);
            }
            if (policy.suspended(host)) {
                throw DomainException.forbidden("this instance does not federate with " + host);
            }
            found = webFinger(name, host).chain(this::actor);
        } else if (q.startsWith("https://") || q.startsWith("http://")) {
            URI uri;
            try {
                uri = URI.create(q);
            } catch (IllegalArgumentException e) {
                throw DomainException.invalid("query", "not a URL");
            }
            if (uri.getHost() != null && Authority.of(uri).equals(ownHost)) {
                return local("ap_id = $1 and deleted_at is null", "ap_id = $1", q)
                        .onFailure(DomainException.class)
                        .recoverWithUni(() -> content(q).onItem().ifNull().failWith(() -> notFound()));
            }
            if (uri.getHost() == null || policy.suspended(Authority.of(uri))) {
                throw DomainException.forbidden("this instance does not federate with " + uri.getHost());
            }
            URI at = uri;
            found = content(q)
                    .chain(known -> known != null
                            ? Uni.createFrom().item(known)
                            : knownActor(q).chain(actor -> actor ? actor(q) : fetched(at)));
        } else {
            throw DomainException.invalid(
                    "query",
                    "give a handle like @name@example.org, or the URL of a person, community, resource, collection,"
                            + " thread or comment");
        }
        return found.onFailure(e -> !(e instanceof DomainException)).transform(e -> {
            if (e instanceof SignedGet.GoneException) {
                return notFound();
            }
            // One answer whatever went wrong (DNS, a refused address, a timeout): the reason
            // stays in the log, so resolve cannot be used to map what this server can reach.
            if (e instanceof FetchRefusedException f && f.byPolicy()) {
                return DomainException.forbidden(String.valueOf(f.getMessage()));
            }
            LOG.infof("Could not resolve %s: %s", q, e.getMessage());
            return new DomainException(ErrorCode.REMOTE_UNREACHABLE, "could not fetch " + q);
        });
    }

    private Uni<String> webFinger(String name, String host) {
        String resource = "acct:" + name + "@" + host;
        URI uri = URI.create((config.plainHttp() ? "http://" : "https://") + host + "/.well-known/webfinger?resource="
                + URLEncoder.encode(resource, StandardCharsets.UTF_8));
        return http.get(uri, Map.of("Accept", "application/jrd+json, application/json"))
                .map(f -> {
                    if (f.status() == 404 || f.status() == 410) {
                        throw new SignedGet.GoneException(resource + " is not known there");
                    }
                    if (f.status() != 200) {
                        throw new FetchRefusedException("WebFinger answered " + f.status());
                    }
                    try {
                        JsonNode jrd = mapper.readTree(f.body());
                        String found = null;
                        for (JsonNode link : jrd.path("links")) {
                            String type = Json.text(link, "type");
                            if ("self".equals(Json.text(link, "rel"))
                                    && type != null
                                    && (type.startsWith("application/activity+json")
                                            || type.startsWith("application/ld+json"))) {
                                boolean group = "Group"
                                        .equals(link.path("properties")
                                                .path("https://www.w3.org/ns/activitystreams#type")
                                                .asText());
                                if (found == null || group) {
                                    found = Json.text(link, "href");
                                }
                            }
                        }
                        if (found == null) {
                            throw new FetchRefusedException("WebFinger names no ActivityPub actor for " + resource);
                        }
                        return found;
                    } catch (IOException e) {
                        throw new FetchRefusedException("WebFinger answered malformed JSON");
                    }
                });
    }

    private Uni<Resolved> actor(String id) {
        return actors.byId(id, false).map(a -> new Resolved(a.localId(), a.group() ? Kind.COMMUNITY : Kind.PERSON));
    }

    /** A URL not known here: fetched once, then kept as an actor or as content, whichever it is. */
    private Uni<Resolved> fetched(URI uri) {
        return get.fetch(uri).chain(doc -> {
            if (RemoteObjects.isContent(doc.json())) {
                return objects.store(doc).map(id -> new Resolved(id, Kind.CONTENT));
            }
            if (!doc.json().has("inbox")) {
                throw DomainException.invalid(
                        "query",
                        "names a " + Json.type(doc.json()) + ", not a person, community, resource,"
                                + " collection, thread or comment");
            }
            return actors.adopt(doc).map(a -> new Resolved(a.localId(), a.group() ? Kind.COMMUNITY : Kind.PERSON));
        });
    }

    private Uni<Boolean> knownActor(String apId) {
        return sql.one(
                "select exists(select 1 from community where ap_id = $1) or exists(select 1 from person where ap_id = $1) as known",
                r -> r.getBoolean("known"),
                apId);
    }

    private Uni<@Nullable Resolved> content(String apId) {
        return sql.one(
                "select id from content where ap_id = $1 and deleted_at is null",
                r -> new Resolved(r.getUUID("id"), Kind.CONTENT),
                apId);
    }

    private static DomainException notFound() {
        return DomainException.notFound("person, community or content");
    }

    /**
     * A local actor; a handle that is both a person and a community (a clash from before they
     * shared one namespace) is the person, as WebFinger answers.
     */
    private Uni<Resolved> local(String communityWhere, String personWhere, String value) {
        return sql.one(
                        "select id, false as grp from person where " + personWhere
                                + " union all select id, true from community where " + communityWhere
                                + " order by grp limit 1",
                        r -> new Resolved(r.getUUID("id"), r.getBoolean("grp") ? Kind.COMMUNITY : Kind.PERSON),
                        value)
                .onItem()
                .ifNull()
                .failWith(Resolver::notFound);
    }
}
