package org.lyceum.graphql;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Per-request batching, as graphql-js' DataLoader does it: GraphQL resolves the fields of every
 * item of a list in one event-loop turn, so the keys asked for in that turn are loaded by one call
 * at the start of the next. The key carries the field's arguments (SmallRye's {@code @Batch}
 * would apply the first parent's arguments to all), so aliases with different {@code first} or
 * {@code after} each get their own page, and one loader may answer them all in one statement.
 * Outside a request's (duplicated) Vert.x context, a load runs at once on its own.
 */
@ApplicationScoped
public class Batches {

    private static final String LOCAL = Batches.class.getName();

    /**
     * The value for {@code key}, loaded together with the other keys of the same {@code batch}
     * (an equal-by-value identity: the loader, the viewer and whatever else the statement shares)
     * asked for in this turn, once the Uni is subscribed to. The loader answers a map; a key
     * missing from it gets null.
     */
    public <K, V> Uni<V> load(Object batch, K key, Function<List<K>, Uni<Map<K, V>>> loader) {
        // Lazy like any Uni: a connection's totalCount is made with the page but loaded only if selected.
        return Uni.createFrom().deferred(() -> enqueue(batch, key, loader));
    }

    private static <K, V> Uni<V> enqueue(Object batch, K key, Function<List<K>, Uni<Map<K, V>>> loader) {
        Context context = Vertx.currentContext();
        if (context == null || !VertxContext.isDuplicatedContext(context)) {
            return loader.apply(List.of(key)).map(found -> found.get(key));
        }
        Open open = ContextLocals.get(LOCAL, (Open) null);
        if (open == null) {
            open = new Open();
            ContextLocals.put(LOCAL, open);
        }
        return Uni.createFrom().completionStage(open.enqueue(context, batch, key, loader));
    }

    /** The batches of one request still waiting for their turn to end. */
    private static final class Open {

        private final Map<Object, Pending<?, ?>> pending = new HashMap<>();

        @SuppressWarnings("unchecked") // one batch identity is only ever used with one key and value type
        synchronized <K, V> CompletableFuture<V> enqueue(
                Context context, Object batch, K key, Function<List<K>, Uni<Map<K, V>>> loader) {
            Pending<K, V> p = (Pending<K, V>) pending.get(batch);
            if (p == null) {
                p = new Pending<>(loader);
                pending.put(batch, p);
                context.runOnContext(ignored -> dispatch(batch));
            }
            return p.waiting.computeIfAbsent(key, k -> new CompletableFuture<>());
        }

        private void dispatch(Object batch) {
            Pending<?, ?> p;
            synchronized (this) {
                p = pending.remove(batch);
            }
            if (p != null) {
                p.run();
            }
        }
    }

    private static final class Pending<K, V> {

        private final Function<List<K>, Uni<Map<K, V>>> loader;
        private final Map<K, CompletableFuture<V>> waiting = new LinkedHashMap<>();

        Pending(Function<List<K>, Uni<Map<K, V>>> loader) {
            this.loader = loader;
        }

        void run() {
            List<K> keys = new ArrayList<>(waiting.keySet());
            Uni<Map<K, V>> loaded;
            try {
                loaded = loader.apply(keys);
            } catch (RuntimeException e) {
                waiting.values().forEach(f -> f.completeExceptionally(e));
                return;
            }
            loaded.subscribe()
                    .with(found -> waiting.forEach((k, f) -> f.complete(found.get(k))), failure -> waiting.values()
                            .forEach(f -> f.completeExceptionally(failure)));
        }
    }
}
