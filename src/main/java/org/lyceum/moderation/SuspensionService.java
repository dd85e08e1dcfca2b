package org.lyceum.moderation;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;
import org.lyceum.account.AccountService;
import org.lyceum.account.PersonQueries;
import org.lyceum.account.PersonSuspensions;
import org.lyceum.account.PersonView;
import org.lyceum.account.Viewer;
import org.lyceum.common.Check;
import org.lyceum.common.DomainException;
import org.lyceum.common.GlobalId;
import org.lyceum.database.Sql;

/**
 * Instance suspensions by instance admins and moderators, of people here and of other servers, each
 * in the instance log. What a suspension does is read elsewhere: the caller lookup refuses a suspended
 * account's token, the inbox a suspended remote person's activities, and content reads leave out
 * their content ({@code account.Suspensions}) until it ends.
 */
@ApplicationScoped
public class SuspensionService {

    private final Sql sql;
    private final AccountService accounts;
    private final PersonSuspensions suspensions;
    private final PersonQueries people;
    private final Modlog modlog;

    SuspensionService(
            Sql sql, AccountService accounts, PersonSuspensions suspensions, PersonQueries people, Modlog modlog) {
        this.sql = sql;
        this.accounts = accounts;
        this.suspensions = suspensions;
        this.people = people;
        this.modlog = modlog;
    }

    public Uni<PersonView> suspend(SuspensionInputs.Suspend in) {
        UUID personId = GlobalId.uuid("personId", in.personId(), PersonView.TYPE);
        String reason = Check.required("reason", in.reason(), Check.REASON_MAX);
        Instant until = in.until() == null ? null : in.until().toInstant();
        if (until != null && !until.isAfter(Instant.now())) {
            throw DomainException.invalid("until", "must be in the future");
        }
        return accounts.requireViewer().invoke(v -> allowed(v, personId)).chain(v -> sql.transaction(tx -> target(
                                tx, v, personId)
                        .chain(() -> suspensions.suspend(tx, personId, reason, until))
                        .chain(() -> modlog.record(
                                tx,
                                ModlogEntry.onPerson(ModAction.SUSPEND, v.personId(), personId, null, reason, until))))
                .chain(() -> people.byId(v, personId)));
    }

    public Uni<PersonView> unsuspend(SuspensionInputs.Unsuspend in) {
        UUID personId = GlobalId.uuid("personId", in.personId(), PersonView.TYPE);
        String reason = Check.optional("reason", in.reason(), Check.REASON_MAX);
        return accounts.requireViewer().invoke(v -> allowed(v, personId)).chain(v -> sql.transaction(
                        tx -> target(tx, v, personId)
                                .chain(t -> !t.suspended()
                                        ? Uni.createFrom().item(0) // nothing to lift, nothing to log
                                        : suspensions
                                                .lift(tx, personId)
                                                .chain(() -> modlog.record(
                                                        tx,
                                                        ModlogEntry.onPerson(
                                                                ModAction.UNSUSPEND,
                                                                v.personId(),
                                                                personId,
                                                                null,
                                                                reason,
                                                                null)))))
                .chain(() -> people.byId(v, personId)));
    }

    /** Staff only, and nobody acts on themself. */
    private static void allowed(Viewer v, UUID personId) {
        if (!v.instanceStaff()) {
            throw DomainException.forbidden("only instance admins and moderators suspend people");
        }
        if (personId.equals(v.personId())) {
            throw DomainException.invalid("personId", "you cannot suspend yourself");
        }
    }

    /** The person, locked; a moderator does not act on an admin. */
    private Uni<PersonSuspensions.Target> target(Sql tx, Viewer v, UUID personId) {
        return suspensions.lock(tx, personId).invoke(t -> {
            if (t == null) {
                throw DomainException.notFound("person");
            }
            if (t.admin() && !v.admin()) {
                throw DomainException.forbidden("only instance admins suspend an admin");
            }
        });
    }
}
