package org.lyceum.account;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.regex.Pattern;
import org.lyceum.common.DomainException;
import org.lyceum.common.Time;

/** Admins invite emails while registration is invite-only. */
@ApplicationScoped
public class InviteService {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");
    private static final int EMAIL_MAX = 254;

    private final AccountService accounts;
    private final InviteRepository invites;

    InviteService(AccountService accounts, InviteRepository invites) {
        this.accounts = accounts;
        this.invites = invites;
    }

    /** Invites {@code input.email()}; inviting an address twice returns the first invite. */
    public Uni<InviteByEmailPayload> inviteByEmail(InviteByEmailInput input) {
        String email = input.email() == null ? "" : input.email().strip().toLowerCase(Locale.ROOT);
        if (email.length() > EMAIL_MAX || !EMAIL.matcher(email).matches()) {
            return Uni.createFrom().failure(DomainException.invalid("email", "is not an email address"));
        }
        return accounts.requireCurrent()
                .chain(admin -> {
                    if (!admin.hasRole(Role.ADMIN)) {
                        throw DomainException.forbidden("only admins may invite");
                    }
                    return Panache.withTransaction(() -> invites.findById(email).chain(existing -> {
                        if (existing != null) {
                            return Uni.createFrom().item(existing);
                        }
                        Invite invite = new Invite();
                        invite.email = email;
                        invite.invitedBy = admin.id;
                        invite.createdAt = Time.now();
                        return invites.persist(invite);
                    }));
                })
                .map(invite -> new InviteByEmailPayload(InviteView.from(invite)));
    }
}
