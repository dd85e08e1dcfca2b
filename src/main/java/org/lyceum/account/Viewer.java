package org.lyceum.account;

import java.util.UUID;

/** Who is asking, as every read and permission check needs it: a person, or nobody. */
public record Viewer(UUID personId, boolean admin, boolean moderator) {

    public static final Viewer ANONYMOUS = new Viewer(null, false, false);

    static Viewer of(Account account) {
        return account == null
                ? ANONYMOUS
                : new Viewer(account.person.id, account.hasRole(Role.ADMIN), account.hasRole(Role.MODERATOR));
    }

    public boolean signedIn() {
        return personId != null;
    }

    /** Instance admins and moderators, who may remove anything on the instance. */
    public boolean instanceStaff() {
        return admin || moderator;
    }
}
