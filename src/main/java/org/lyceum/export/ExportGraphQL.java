package org.lyceum.export;

import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.jspecify.annotations.Nullable;
import org.lyceum.account.AccountService;

@GraphQLApi
public class ExportGraphQL {

    private final AccountService accounts;
    private final DataExports exports;

    ExportGraphQL(AccountService accounts, DataExports exports) {
        this.accounts = accounts;
        this.exports = exports;
    }

    @Mutation("exportMyData")
    @Description("Starts an archive of the caller's data (profile, content, likes, bookmarks, follows, memberships,"
            + " blocks, settings, notifications and an ActivityStreams outbox); poll myDataExport for its link."
            + " Asked again within lyceum.export.min-interval, it answers the latest export.")
    public Uni<@NonNull DataExportView> exportMyData() {
        return accounts.requireViewer().chain(v -> exports.request(v.requirePersonId()));
    }

    @Query("myDataExport")
    @Description("The caller's latest data export; null when they never asked for one.")
    public Uni<@Nullable DataExportView> myDataExport() {
        return accounts.requireViewer().chain(v -> exports.latest(v.requirePersonId()));
    }
}
