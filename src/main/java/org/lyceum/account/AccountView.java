package org.lyceum.account;

import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.jspecify.annotations.Nullable;

@Name("Account")
@Description("The signed-in user's own account.")
public record AccountView(
        @NonNull String username,
        @NonNull String displayName,
        @Description("As the identity provider last reported it.") @Nullable String email,
        @NonNull @Description("Instance-wide roles, granted as realm roles at the identity provider.")
                List<@NonNull Role> roles,
        @Ignore UUID personId) {

    static AccountView from(Account account) {
        return new AccountView(
                account.person.username,
                account.person.displayName,
                account.email,
                Role.fromClaims(account.roles),
                account.person.id);
    }
}
