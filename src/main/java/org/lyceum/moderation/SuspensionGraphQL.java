package org.lyceum.moderation;

import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.lyceum.account.PersonView;

@GraphQLApi
public class SuspensionGraphQL {

    private final SuspensionService suspensions;

    SuspensionGraphQL(SuspensionService suspensions) {
        this.suspensions = suspensions;
    }

    @Mutation("suspendPerson")
    @Description("Suspends a person of this or another server until `until` (none: until lifted): their token is"
            + " refused but for me, their activities are refused at the inbox, their content is hidden. Instance"
            + " admins and moderators; only admins suspend admins.")
    public Uni<@NonNull PersonView> suspendPerson(@Name("input") @NonNull SuspensionInputs.Suspend input) {
        return suspensions.suspend(input);
    }

    @Mutation("unsuspendPerson")
    @Description("Lifts a suspension at once. Instance admins and moderators.")
    public Uni<@NonNull PersonView> unsuspendPerson(@Name("input") @NonNull SuspensionInputs.Unsuspend input) {
        return suspensions.unsuspend(input);
    }
}
