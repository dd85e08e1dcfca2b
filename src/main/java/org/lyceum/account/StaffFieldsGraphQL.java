package org.lyceum.account;

import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Source;
import org.jspecify.annotations.Nullable;
import org.lyceum.graphql.Batches;

/** Person fields for instance staff and the person themself; null for everyone else. */
@GraphQLApi
public class StaffFieldsGraphQL {

    private final AccountService accounts;
    private final StaffFields fields;
    private final Batches batches;

    StaffFieldsGraphQL(AccountService accounts, StaffFields fields, Batches batches) {
        this.accounts = accounts;
        this.fields = fields;
        this.batches = batches;
    }

    /** One load per request for a page of people. */
    private record Load() {}

    @Description("The account's email, as the identity provider reports it: instance staff and the person themself"
            + " only (null for others and for people of other servers).")
    public Uni<String> email(@Source PersonView person) {
        return read(person.uuid(), StaffFields.Private::email);
    }

    @Description("When the account last made a request (to within minutes): instance staff and the person themself"
            + " only.")
    public Uni<OffsetDateTime> lastActiveAt(@Source PersonView person) {
        return read(person.uuid(), StaffFields.Private::lastActiveAt);
    }

    @Description("When the suspension in force ends: null when none, or when it lasts until lifted (see"
            + " suspension). Instance staff and the person themself only.")
    public Uni<OffsetDateTime> suspendedUntil(@Source PersonView person) {
        return read(
                person.uuid(),
                p -> p.suspension() == null ? null : p.suspension().until());
    }

    @Description("The suspension in force, or null: instance staff and the person themself only.")
    public Uni<SuspensionView> suspension(@Source PersonView person) {
        return read(person.uuid(), StaffFields.Private::suspension);
    }

    @Description("The caller's suspension in force, or null.")
    public Uni<SuspensionView> suspension(@Source AccountView account) {
        return batches.load(new Load(), account.personId(), fields::of).map(p -> p == null ? null : p.suspension());
    }

    private <T> Uni<T> read(UUID personId, Function<StaffFields.Private, @Nullable T> field) {
        return accounts.viewer()
                .chain(v -> !StaffFields.mayRead(v, personId)
                        ? Uni.createFrom().<T>nullItem()
                        : batches.load(new Load(), personId, fields::of).map(p -> p == null ? null : field.apply(p)));
    }
}
