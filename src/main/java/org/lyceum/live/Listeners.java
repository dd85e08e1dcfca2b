package org.lyceum.live;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The subscriptions of one kind on this instance, by what they listen to (a thread, a community,
 * a recipient). Each is a {@link Multi} fed through its emitter; an item a subscriber has not asked
 * for yet is dropped and counted, never queued.
 */
final class Listeners<T> {

    /** Someone listening: the person (null when anonymous) and where their items go. */
    record Listener<T>(@Nullable UUID personId, MultiEmitter<? super T> emitter) {}

    private final Map<UUID, Set<Listener<T>>> byKey = new ConcurrentHashMap<>();
    private final Runnable dropped;

    Listeners(Runnable dropped) {
        this.dropped = dropped;
    }

    /** A stream of what is emitted for {@code key} to this person, until the subscriber cancels. */
    Multi<T> listen(UUID key, @Nullable UUID personId) {
        Multi<T> items = Multi.createFrom().emitter(emitter -> {
            Listener<T> listener = new Listener<>(personId, emitter);
            byKey.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(listener);
            emitter.onTermination(() -> byKey.computeIfPresent(key, (k, set) -> {
                set.remove(listener);
                return set.isEmpty() ? null : set;
            }));
        });
        return items.onOverflow().invoke(dropped).drop();
    }

    /** Who listens to {@code key} now (a copy), empty when nobody. */
    List<Listener<T>> of(UUID key) {
        Set<Listener<T>> set = byKey.get(key);
        return set == null ? List.of() : List.copyOf(set);
    }

    /** How many subscriptions are open. */
    int size() {
        return byKey.values().stream().mapToInt(Set::size).sum();
    }
}
