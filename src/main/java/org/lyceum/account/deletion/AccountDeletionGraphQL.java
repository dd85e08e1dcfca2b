package org.lyceum.account.deletion;

import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.jspecify.annotations.Nullable;

@GraphQLApi
public class AccountDeletionGraphQL {

    private final AccountDeletion deletion;

    AccountDeletionGraphQL(AccountDeletion deletion) {
        this.deletion = deletion;
    }

    @Mutation("deleteAccount")
    @Description("Deletes the caller's account for good: their content (unless keepContent), likes, bookmarks,"
            + " follows, memberships and notifications go, other servers that know them are sent a Delete, and"
            + " signing in again is refused with ACCOUNT_DELETED. An owner of communities transfers or deletes them first"
            + " (CONFLICT).")
    public Uni<@NonNull Boolean> deleteAccount(@Name("input") @Nullable DeleteAccountInput input) {
        return deletion.deleteCaller(input != null && Boolean.TRUE.equals(input.keepContent()));
    }
}
