package org.lyceum.account;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Who is asking, as every read and permission check needs it: a person, or nobody. */
public record Viewer(@Nullable UUID personId, boolean admin, boolean moderator) {

    public static final Viewer ANONYMOUS = new Viewer(null, false, false);

    static Viewer of(@Nullable Account account) {
        return account == null
                ? ANONYMOUS
                : new Viewer(account.person.id, account.hasRole(Role.ADMIN), account.hasRole(Role.MODERATOR));
    }

    /** A signed-in person with these Lyceum roles ({@link Role#claim()} values). */
    static Viewer of(UUID personId, String[] roles) {
        List<String> granted = Arrays.asList(roles);
        return new Viewer(personId, granted.contains(Role.ADMIN.claim()), granted.contains(Role.MODERATOR.claim()));
    }

    /**
     * The signed-in person's id, where only a signed-in viewer can be: behind {@code
     * AccountService.requireViewer()} or a permission check that refuses the anonymous one.
     */
    public UUID requirePersonId() {
        return Objects.requireNonNull(personId, "the anonymous viewer has no person id");
    }

    public boolean signedIn() {
        return personId != null;
    }

    /** Instance admins and moderators, who may remove anything on the instance. */
    public boolean instanceStaff() {
        return admin || moderator;
    }
}
