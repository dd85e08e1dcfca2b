package org.lyceum.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An email an admin invited while registration is invite-only. */
@Entity
@Table(name = "invite")
public class Invite {

    /** Lower-case. */
    @Id
    @Column(columnDefinition = "text")
    public String email;

    @Column(name = "invited_by")
    public @Nullable UUID invitedBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "accepted_at")
    public @Nullable OffsetDateTime acceptedAt;

    @Column(name = "accepted_by")
    public @Nullable UUID acceptedBy;
}
