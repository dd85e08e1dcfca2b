package org.lyceum.live;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The subscriptions of one kind on this instance, by what they listen to (a thread, a community,
 * a recipient). Each is a {@link Multi} fed through its emitter; an item a subscriber has not asked
 * for yet is dropped and counted, never queued.
 */
final class Listeners<T> {

    /**
     * Events a subscriber may have waiting: SmallRye asks for one event at a time and the next only
     * once the last is sent, so a subscriber that keeps up still needs a few queued while one runs.
     * Beyond this they are dropped and counted.
     */
    static final int MAX_WAITING = 64;

    /** Someone listening: the person (null when anonymous) and where their items go. */
    record Listener<T>(
            @Nullable UUID personId, MultiEmitter<? super T> emitter, AtomicInteger waiting, Runnable dropped) {

        /** Hands the item on, or drops (and counts) it when the subscriber has too many waiting. */
        void offer(T item) {
            if (waiting.incrementAndGet() > MAX_WAITING) {
                waiting.decrementAndGet();
                dropped.run();
                return;
            }
            emitter.emit(item);
        }
    }

    private final Map<UUID, Set<Listener<T>>> byKey = new ConcurrentHashMap<>();
    private final Runnable dropped;

    Listeners(Runnable dropped) {
        this.dropped = dropped;
    }

    /** A stream of what is emitted for {@code key} to this person, until the subscriber cancels. */
    Multi<T> listen(UUID key, @Nullable UUID personId) {
        AtomicInteger waiting = new AtomicInteger();
        Multi<T> items = Multi.createFrom().emitter(emitter -> {
            Listener<T> listener = new Listener<>(personId, emitter, waiting, dropped);
            // Added and removed inside compute, so a listener never lands in a set just dropped from the map.
            byKey.compute(key, (k, set) -> {
                Set<Listener<T>> listeners = set == null ? ConcurrentHashMap.newKeySet() : set;
                listeners.add(listener);
                return listeners;
            });
            emitter.onTermination(() -> byKey.computeIfPresent(key, (k, set) -> {
                set.remove(listener);
                return set.isEmpty() ? null : set;
            }));
        });
        // The buffer is bounded by offer(): at most MAX_WAITING items are ever in it.
        return items.onOverflow().bufferUnconditionally().onItem().invoke(item -> waiting.decrementAndGet());
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
