package org.lyceum.account;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.UUID;
import java.util.function.Supplier;
import org.hibernate.exception.ConstraintViolationException;
import org.jboss.logging.Logger;
import org.lyceum.common.DomainException;
import org.lyceum.common.ErrorCode;
import org.lyceum.common.Time;
import org.lyceum.instance.InstanceConfig;

/**
 * The caller's account. Provisioned on the first authenticated request from the token's claims,
 * refreshed when those claims change, and refused when the registration policy says no.
 */
@ApplicationScoped
public class AccountService {

    private static final Logger LOG = Logger.getLogger(AccountService.class);
    private static final int DISPLAY_NAME_MAX = 100;

    private final CurrentIdentityAssociation identities;
    private final AccountRepository accounts;
    private final PersonRepository people;
    private final Admission admission;
    private final InstanceConfig instance;
    private final CallerCache caller;
    private final CallerRows callers;
    private final LastActive lastActive;

    AccountService(
            CurrentIdentityAssociation identities,
            AccountRepository accounts,
            PersonRepository people,
            Admission admission,
            InstanceConfig instance,
            CallerCache caller,
            CallerRows callers,
            LastActive lastActive) {
        this.lastActive = lastActive;
        this.caller = caller;
        this.callers = callers;
        this.identities = identities;
        this.accounts = accounts;
        this.people = people;
        this.admission = admission;
        this.instance = instance;
    }

    /** The caller's account, or null for an anonymous caller. */
    public Uni<AccountView> me() {
        return current().onItem().ifNotNull().transform(AccountView::from);
    }

    /** The caller's account, or UNAUTHENTICATED. Other features start their mutations here. */
    public Uni<Account> requireCurrent() {
        // Through the viewer first, so a suspended account is refused here as everywhere but me.
        return viewer().chain(() -> current()).onItem().ifNull().failWith(DomainException::unauthenticated);
    }

    /** The caller as permission checks see them; anonymous callers get {@link Viewer#ANONYMOUS}. */
    public Uni<Viewer> viewer() {
        return caller.viewer(this::lookUpViewer);
    }

    /** The signed-in caller as a viewer, or UNAUTHENTICATED. */
    public Uni<Viewer> requireViewer() {
        return viewer().invoke(v -> {
            if (!v.signedIn()) {
                throw DomainException.unauthenticated();
            }
        });
    }

    /** The signed-in caller if an instance admin; UNAUTHENTICATED or FORBIDDEN otherwise. */
    public Uni<Viewer> requireAdmin() {
        return requireViewer().invoke(v -> {
            if (!v.admin()) {
                throw org.lyceum.common.DomainException.forbidden("Only instance admins may do this");
            }
        });
    }

    Uni<Account> current() {
        return caller.get(this::lookUp);
    }

    private Uni<Account> lookUp() {
        return identities
                .getDeferredIdentity()
                .chain(identity ->
                        identity.isAnonymous() ? Uni.createFrom().nullItem() : ofToken(TokenClaims.of(identity)));
    }

    /**
     * Reads, which most requests are, need only the viewer: a known caller whose account matches
     * the token is one plain statement; anyone else takes the entity path, which provisions or
     * refreshes the account.
     */
    private Uni<Viewer> lookUpViewer() {
        return identities.getDeferredIdentity().chain(identity -> viewerOf(identity, () -> current()));
    }

    /**
     * The viewer of an identity that HTTP authentication established outside a GraphQL request
     * (the upload route), provisioning or refreshing the account as a first GraphQL request would.
     */
    public Uni<Viewer> viewerOf(SecurityIdentity identity) {
        return viewerOf(identity, () -> ofToken(TokenClaims.of(identity)));
    }

    private Uni<Viewer> viewerOf(SecurityIdentity identity, Supplier<Uni<Account>> account) {
        if (identity.isAnonymous()) {
            return Uni.createFrom().item(Viewer.ANONYMOUS);
        }
        TokenClaims claims = TokenClaims.of(identity);
        String[] roles = Role.fromTokenRoles(claims.roles());
        return callers.bySubject(claims.subject(), roles).chain(row -> {
            if (row != null && row.deleted()) {
                throw deleted();
            }
            if (row != null && row.suspended()) {
                // Every operation but me (which reads the account, not the viewer) is refused.
                throw new DomainException(
                        ErrorCode.SUSPENDED, "this account is suspended; see me { suspension } for until when");
            }
            if (row != null && row.idle() && row.accountId() != null) {
                lastActive.touch(row.accountId());
            }
            return row != null && upToDate(row, claims)
                    ? Uni.createFrom().item(Viewer.of(row.personId(), roles))
                    : account.get().map(Viewer::of);
        });
    }

    private Uni<Account> ofToken(TokenClaims claims) {
        // Most requests come from a known user whose claims did not change: one SELECT, no transaction.
        return Panache.withSession(() -> accounts.findBySubject(claims.subject())
                        .invoke(found -> {
                            if (found != null && found.deletedAt != null) {
                                throw deleted();
                            }
                        })
                        .chain(found -> found != null && upToDate(found, claims)
                                ? Uni.createFrom().item(found)
                                : Panache.withTransaction(
                                        () -> found != null ? refresh(found, claims) : provisionLocked(claims))))
                .onFailure(ConstraintViolationException.class)
                .transform(e -> new DomainException(ErrorCode.CONFLICT, "that username is taken on this instance"));
    }

    /** A deleted account's subject is remembered: it never gets a new account under the old name. */
    private static DomainException deleted() {
        return new DomainException(
                ErrorCode.ACCOUNT_DELETED, "this account was deleted; it cannot be used or made again");
    }

    /** Two first requests of one user may race; the lock makes the second see the first's account. */
    private Uni<Account> provisionLocked(TokenClaims claims) {
        return accounts.lockSubject(claims.subject())
                .chain(() -> accounts.findBySubject(claims.subject()))
                .chain(found -> found != null ? refresh(found, claims) : provision(claims));
    }

    private Uni<Account> provision(TokenClaims claims) {
        return admission.admit(claims).chain(invite -> {
            String username = Username.fromClaim(claims.preferredUsername());
            UUID personId = UUID.randomUUID();
            return people.localUsernameTaken(username, personId).chain(taken -> {
                if (taken) {
                    throw new DomainException(
                            ErrorCode.CONFLICT,
                            "the username '" + username
                                    + "' is taken on this instance; change preferred_username at your identity provider");
                }
                OffsetDateTime now = Time.now();
                Person person = new Person();
                person.id = personId;
                person.apId = instance.baseUrl() + "/people/" + personId;
                person.username = username;
                person.displayName = displayName(claims, username);
                person.createdAt = now;
                person.updatedAt = now;
                Account account = new Account();
                account.id = UUID.randomUUID();
                account.person = person;
                account.subject = claims.subject();
                account.email = claims.email();
                account.emailVerified = claims.email() != null && claims.emailVerified();
                account.roles = Role.fromTokenRoles(claims.roles());
                account.createdAt = now;
                account.updatedAt = now;
                if (invite != null) {
                    invite.acceptedAt = now;
                    invite.acceptedBy = account.id;
                }
                LOG.infof("Provisioned account %s for subject %s", username, claims.subject());
                return people.persist(person).chain(() -> accounts.persist(account));
            });
        });
    }

    /** Whether the account already says what the token says (a rename it cannot follow counts as done). */
    private static boolean upToDate(Account account, TokenClaims claims) {
        return upToDate(
                new CallerRows.CallerRow(
                        account.person.id,
                        account.person.username,
                        account.person.displayName,
                        account.person.displayNameChosen,
                        Arrays.equals(Role.fromTokenRoles(claims.roles()), account.roles),
                        account.email,
                        account.emailVerified,
                        null,
                        false,
                        false,
                        account.deletedAt != null),
                claims);
    }

    private static boolean upToDate(CallerRows.CallerRow account, TokenClaims claims) {
        String wanted = Username.normalise(claims.preferredUsername());
        boolean renameWanted = wanted != null && !wanted.equals(account.username()) && Username.problem(wanted) == null;
        return !renameWanted
                && (account.displayNameChosen()
                        || displayName(claims, account.username()).equals(account.displayName()))
                && account.rolesMatch()
                && java.util.Objects.equals(claims.email(), account.email())
                && account.emailVerified() == (claims.email() != null && claims.emailVerified());
    }

    /** Brings the account in line with the token; an unchanged account is not written. */
    private Uni<Account> refresh(Account account, TokenClaims claims) {
        Person person = account.person;
        boolean changed = false;
        String displayName = displayName(claims, person.username);
        if (!person.displayNameChosen && !displayName.equals(person.displayName)) {
            person.displayName = displayName;
            changed = true;
        }
        String[] roles = Role.fromTokenRoles(claims.roles());
        boolean verified = claims.email() != null && claims.emailVerified();
        if (!Arrays.equals(roles, account.roles)
                || !java.util.Objects.equals(claims.email(), account.email)
                || account.emailVerified != verified) {
            account.roles = roles;
            account.email = claims.email();
            account.emailVerified = verified;
            changed = true;
        }
        if (changed) {
            account.updatedAt = person.updatedAt = Time.now();
        }
        return renameIfAsked(person, claims).replaceWith(account);
    }

    /**
     * Follows a changed preferred_username when the new one is valid and free; otherwise keeps the
     * old one, so a rename at the identity provider never locks anyone out. The ActivityPub id
     * does not contain the username and stays as it is.
     */
    private Uni<Void> renameIfAsked(Person person, TokenClaims claims) {
        String wanted = Username.normalise(claims.preferredUsername());
        if (wanted == null || wanted.equals(person.username) || Username.problem(wanted) != null) {
            return Uni.createFrom().voidItem();
        }
        return people.localUsernameTaken(wanted, person.id)
                .invoke(taken -> {
                    if (taken) {
                        LOG.infof(
                                "Keeping username %s: the token asks for %s, which is taken", person.username, wanted);
                    } else {
                        person.username = wanted;
                        person.updatedAt = Time.now();
                    }
                })
                .replaceWithVoid();
    }

    private static String displayName(TokenClaims claims, String username) {
        String name = claims.name() == null ? username : claims.name().strip();
        return name.length() > DISPLAY_NAME_MAX ? name.substring(0, DISPLAY_NAME_MAX) : name;
    }
}
