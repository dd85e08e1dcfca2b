package org.lyceum.federation.delivery;

import io.smallrye.mutiny.Uni;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.lyceum.account.AccountService;
import org.lyceum.database.Sql;

@GraphQLApi
public class FederationGraphQL {

    private final AccountService accounts;
    private final Sql sql;

    FederationGraphQL(AccountService accounts, Sql sql) {
        this.accounts = accounts;
        this.sql = sql;
    }

    @Query("federationStatus")
    @Description("Delivery health per remote host. Instance admins only.")
    public Uni<@NonNull List<@NonNull HostStatusView>> federationStatus() {
        return accounts.requireAdmin()
                .chain(() -> sql.list(
                        "select coalesce(h.host, d.host) as host,"
                                + " count(d.id) filter (where d.state = 'PENDING') as queued,"
                                + " count(d.id) filter (where d.state = 'SENDING') as in_flight,"
                                + " count(d.id) filter (where d.state = 'FAILED') as failed,"
                                + " h.last_success_at, h.last_error_at, h.last_error,"
                                + " coalesce(h.breaker, 'CLOSED') as breaker, coalesce(h.state, 'ALIVE') as state"
                                + " from federation_host h full join delivery d on d.host = h.host"
                                + " group by coalesce(h.host, d.host), h.last_success_at, h.last_error_at, h.last_error, h.breaker, h.state"
                                + " order by 1",
                        HostStatusView::from));
    }
}
