package org.lyceum.archfixture;

import io.smallrye.mutiny.Uni;
import java.util.List;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.lyceum.account.Account;
import org.lyceum.account.AccountRepository;

/** Breaks every architecture rule on purpose, so ArchitectureTest can show that its rules bite. */
@GraphQLApi
public class LeakyGraphQL {

    AccountRepository accounts;

    public Uni<List<Wrapper>> leak() {
        return null;
    }

    public Uni<List<RowView>> rows() {
        return null;
    }

    public Uni<String> title(org.lyceum.database.SqlRow row) {
        return null;
    }

    public record Wrapper(Account account) {}

    /** A view that is only a row in disguise (and no entity, so the row rule alone catches it). */
    public record RowView(String title, io.vertx.mutiny.sqlclient.Row row) {}
}
