package org.lyceum.account;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.RequestScoped;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The caller's account, looked up once per request. GraphQL resolves root fields concurrently;
 * without this, {@code { me homeFeed }} would look the caller up twice, in one Hibernate session.
 */
@RequestScoped
class CallerCache {

    private @Nullable Uni<Account> account;
    private @Nullable Uni<Viewer> viewer;

    Uni<Account> get(Supplier<Uni<Account>> load) {
        if (account == null) {
            account = load.get().memoize().indefinitely();
        }
        return account;
    }

    Uni<Viewer> viewer(Supplier<Uni<Viewer>> load) {
        if (viewer == null) {
            viewer = load.get().memoize().indefinitely();
        }
        return viewer;
    }
}
