package org.lyceum.account;

import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.lyceum.common.PageRequest;

@GraphQLApi
public class PeopleGraphQL {

    private final PersonQueries people;
    private final ProfileService profiles;
    private final AccountService accounts;
    private final PeopleDirectory directory;

    PeopleGraphQL(PersonQueries people, ProfileService profiles, AccountService accounts, PeopleDirectory directory) {
        this.directory = directory;
        this.people = people;
        this.profiles = profiles;
        this.accounts = accounts;
    }

    @Query("person")
    @Description("A person by handle: username here, or username@host.")
    public Uni<PersonView> person(@Name("username") @NonNull String username) {
        return accounts.viewer().chain(v -> people.byHandle(v, username));
    }

    @Query("people")
    @Description("Everyone this instance knows, newest first, filtered. Instance admins and moderators only.")
    public Uni<@NonNull PersonConnection> people(
            @Name("filter") PeopleFilter filter, @Name("first") Integer first, @Name("after") String after) {
        PageRequest page = PageRequest.forward(first, after);
        return accounts.requireViewer().chain(v -> directory.page(v, filter, page));
    }

    @Mutation("updateProfile")
    @Description("Changes the caller's own public profile.")
    public Uni<PersonPayload> updateProfile(@Name("input") @NonNull UpdateProfileInput input) {
        return profiles.update(input).map(PersonPayload::new);
    }
}
