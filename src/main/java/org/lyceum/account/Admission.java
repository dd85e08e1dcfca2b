package org.lyceum.account;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import org.lyceum.common.DomainException;
import org.lyceum.common.ErrorCode;

/** Applies the registration policy to someone the instance has not seen before. */
@ApplicationScoped
class Admission {

    private final RegistrationConfig config;
    private final InviteRepository invites;

    Admission(RegistrationConfig config, InviteRepository invites) {
        this.config = config;
        this.invites = invites;
    }

    /** The invite that admits them (null when none was needed), or REGISTRATION_CLOSED. */
    Uni<Invite> admit(TokenClaims claims) {
        return switch (config.policy()) {
            case OPEN -> Uni.createFrom().nullItem();
            case CLOSED -> Uni.createFrom().failure(closed("this instance is not accepting new accounts"));
            case INVITE -> admitInvited(claims);
        };
    }

    private Uni<Invite> admitInvited(TokenClaims claims) {
        // An unverified address proves nothing: anyone could type a colleague's email.
        if (claims.email() == null || !claims.emailVerified()) {
            return Uni.createFrom().failure(closed("registration is by invitation and needs a verified email"));
        }
        String email = claims.email().toLowerCase(Locale.ROOT);
        String domain = email.substring(email.lastIndexOf('@') + 1);
        if (config.allowedDomains().orElse(List.of()).stream().anyMatch(domain::equalsIgnoreCase)) {
            return Uni.createFrom().nullItem();
        }
        return invites.findById(email).onItem().transform(invite -> {
            if (invite == null || invite.acceptedBy != null) {
                throw closed("registration is by invitation and " + email + " has no unused invite");
            }
            return invite;
        });
    }

    private static DomainException closed(String message) {
        return new DomainException(ErrorCode.REGISTRATION_CLOSED, message);
    }
}
