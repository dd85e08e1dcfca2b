package org.lyceum.account;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class PersonRepository implements PanacheRepositoryBase<Person, UUID> {

    /** Whether a local person other than {@code except} already has this username, in any case. */
    Uni<Boolean> localUsernameTaken(String username, UUID except) {
        return count("lower(username) = lower(?1) and host is null and id <> ?2", username, except)
                .map(n -> n > 0);
    }
}
