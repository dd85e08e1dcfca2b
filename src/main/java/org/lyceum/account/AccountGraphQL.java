package org.lyceum.account;

import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

@GraphQLApi
public class AccountGraphQL {

    private final AccountService accounts;
    private final InviteService invites;

    AccountGraphQL(AccountService accounts, InviteService invites) {
        this.accounts = accounts;
        this.invites = invites;
    }

    @Query("me")
    @Description("The signed-in user's account, created on their first request; null when anonymous.")
    public Uni<AccountView> me() {
        return accounts.me();
    }

    @Mutation("inviteByEmail")
    @Description("Admins only: lets this email register while registration is by invitation.")
    public Uni<@NonNull InviteByEmailPayload> inviteByEmail(@Name("input") @NonNull InviteByEmailInput input) {
        return invites.inviteByEmail(input);
    }
}
