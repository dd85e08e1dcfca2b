package org.lyceum.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The public side of an account; remote actors will be people with a host. */
@Entity
@Table(name = "person")
public class Person {

    @Id
    public UUID id;

    @Column(name = "ap_id", nullable = false, updatable = false, columnDefinition = "text")
    public String apId;

    @Column(nullable = false, columnDefinition = "text")
    public String username;

    /** Null for local people. */
    @Column(columnDefinition = "text")
    public @Nullable String host;

    @Column(name = "display_name", nullable = false, columnDefinition = "text")
    public String displayName;

    /** Set once the person chose a display name here; token claims no longer overwrite it. */
    @Column(name = "display_name_chosen", nullable = false)
    public boolean displayNameChosen;

    @Column(columnDefinition = "text")
    public @Nullable String summary;

    @Column(name = "icon_url", columnDefinition = "text")
    public @Nullable String iconUrl;

    @Column(name = "created_at", nullable = false, updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    public boolean isLocal() {
        return host == null;
    }
}
