package org.lyceum.account;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class AccountRepository implements PanacheRepositoryBase<Account, UUID> {

    Uni<Account> findBySubject(String subject) {
        return find("from Account a join fetch a.person where a.subject = ?1", subject)
                .firstResult();
    }

    /**
     * Serialises first-time provisioning of one subject across requests and instances until the
     * transaction ends. Transaction-scoped, so it is safe behind a connection pool.
     */
    Uni<Void> lockSubject(String subject) {
        return getSession()
                .chain(s -> s.createNativeQuery(
                                "select 1 from (select pg_advisory_xact_lock(hashtextextended(?1, 0))) locked",
                                Integer.class)
                        .setParameter(1, subject)
                        .getSingleResult())
                .replaceWithVoid();
    }
}
