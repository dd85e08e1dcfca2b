package org.lyceum.account;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class PersonRepository implements PanacheRepositoryBase<Person, UUID> {

    /**
     * Whether a local person other than {@code except}, or a local community, already has this
     * name, in any case; takes the name's lock ({@link LocalNames}) for the transaction first.
     */
    Uni<Boolean> localUsernameTaken(String username, UUID except) {
        return getSession()
                .chain(s -> s.createNativeQuery(LocalNames.LOCK.replace("$1", "?1"), Integer.class)
                        .setParameter(1, username)
                        .getSingleResult())
                .chain(() -> count("lower(username) = lower(?1) and host is null and id <> ?2", username, except))
                .chain(n -> n > 0
                        ? Uni.createFrom().item(true)
                        : getSession()
                                .chain(s -> s.createNativeQuery(
                                                "select count(*) from community where lower(name) = lower(?1) and host is null",
                                                Long.class)
                                        .setParameter(1, username)
                                        .getSingleResult())
                                .map(c -> c > 0));
    }
}
