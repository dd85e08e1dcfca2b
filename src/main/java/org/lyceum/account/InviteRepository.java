package org.lyceum.account;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class InviteRepository implements PanacheRepositoryBase<Invite, String> {}
