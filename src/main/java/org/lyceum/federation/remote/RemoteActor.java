package org.lyceum.federation.remote;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A remote person or group as Lyceum stores it: the local row's id, where it takes deliveries
 * (its shared inbox when it has one) and the key it signs with.
 */
public record RemoteActor(
        String apId,
        boolean group,
        UUID localId,
        String inbox,
        @Nullable String sharedInbox,
        @Nullable String keyId,
        @Nullable String publicPem,
        OffsetDateTime fetchedAt,
        java.util.Map<String, String> extraKeys) {

    /** The PEM of one of the actor's keys: its publicKey, or an Ed25519 Multikey of assertionMethod. */
    public @Nullable String pem(@Nullable String id) {
        return id == null ? null : id.equals(keyId) ? publicPem : extraKeys.get(id);
    }

    RemoteActor withExtraKeys(java.util.Map<String, String> keys) {
        return new RemoteActor(apId, group, localId, inbox, sharedInbox, keyId, publicPem, fetchedAt, keys);
    }

    /** Where deliveries to this actor go: one per server when it has a shared inbox. */
    public String deliverTo() {
        return sharedInbox != null ? sharedInbox : inbox;
    }
}
