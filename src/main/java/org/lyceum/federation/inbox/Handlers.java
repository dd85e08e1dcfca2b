package org.lyceum.federation.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The handler of each activity type; types without one are accepted and ignored. */
@ApplicationScoped
public class Handlers {

    private final Instance<ActivityHandler> all;
    /** Null until first used (see {@link #of}). */
    private volatile @Nullable Map<String, ActivityHandler> byType;

    Handlers(Instance<ActivityHandler> all) {
        this.all = all;
    }

    /** The handler of the type, or null when the type has none. */
    public @Nullable ActivityHandler of(String type) {
        Map<String, ActivityHandler> known = byType;
        if (known == null) {
            // Built on first use: the Announce handler needs this registry, and the registry it.
            Map<String, ActivityHandler> map = new HashMap<>();
            all.forEach(h -> map.put(h.type(), h));
            byType = known = Map.copyOf(map);
        }
        return known.get(type);
    }
}
