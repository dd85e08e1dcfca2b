package org.lyceum.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A local user, provisioned from the identity provider's token and keyed by its subject. */
@Entity
@Table(name = "account")
public class Account {

    @Id
    public UUID id;

    @OneToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "person_id", nullable = false, updatable = false)
    public Person person;

    @Column(nullable = false, updatable = false, columnDefinition = "text")
    public String subject;

    @Column(columnDefinition = "text")
    public @Nullable String email;

    /** Whether the identity provider vouched for the email; only verified addresses get email from us. */
    @Column(name = "email_verified", nullable = false)
    public boolean emailVerified;

    /** Lyceum roles (see {@link Role}) as the token last granted them. */
    @Column(nullable = false, columnDefinition = "text[]")
    public String[] roles = new String[0];

    @Column(name = "created_at", nullable = false, updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    /** Set when the person deleted their account: the subject stays, so signing in again is refused. */
    @Column(name = "deleted_at")
    public @Nullable OffsetDateTime deletedAt;

    public boolean hasRole(Role role) {
        return Arrays.asList(roles).contains(role.claim());
    }
}
