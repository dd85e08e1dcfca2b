package org.lyceum.instance;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * Refuses to start with a base URL that would mint broken ActivityPub ids: ids are permanent,
 * so a typo must stop the instance before the first id is stored, not after.
 */
@Startup
@ApplicationScoped
public class BaseUrlCheck {

    BaseUrlCheck(InstanceConfig instance) {
        String problem = problem(instance.baseUrl());
        if (problem != null) {
            throw new IllegalStateException("lyceum.instance.base-url '" + instance.baseUrl() + "' " + problem);
        }
    }

    static @Nullable String problem(String baseUrl) {
        URI uri;
        try {
            uri = new URI(baseUrl);
        } catch (Exception e) {
            return "is not a URL";
        }
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
            return "must start with https:// (or http:// for local use)";
        }
        if (uri.getHost() == null || uri.getUserInfo() != null || uri.getQuery() != null || uri.getFragment() != null) {
            return "must name a host and nothing but an optional port";
        }
        if (uri.getPath() != null && !uri.getPath().isEmpty()) {
            return "must not have a path (not even a trailing slash)";
        }
        return null;
    }
}
