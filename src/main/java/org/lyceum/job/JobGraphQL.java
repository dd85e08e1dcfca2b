package org.lyceum.job;

import io.smallrye.mutiny.Uni;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.lyceum.account.AccountService;

@GraphQLApi
public class JobGraphQL {

    private final AccountService accounts;
    private final JobQueries jobs;

    JobGraphQL(AccountService accounts, JobQueries jobs) {
        this.accounts = accounts;
        this.jobs = jobs;
    }

    @Query("jobs")
    @Description("Scheduled jobs and their latest run across the cluster. Instance admins only.")
    public Uni<@NonNull List<@NonNull JobView>> jobs() {
        return accounts.requireAdmin().chain(jobs::all);
    }
}
