package org.lyceum.block;

import io.smallrye.mutiny.Uni;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.lyceum.account.AccountService;
import org.lyceum.graphql.Node;

@GraphQLApi
public class BlockGraphQL {

    private final BlockService service;
    private final BlockQueries queries;
    private final AccountService accounts;

    BlockGraphQL(BlockService service, BlockQueries queries, AccountService accounts) {
        this.service = service;
        this.queries = queries;
        this.accounts = accounts;
    }

    @Mutation("block")
    @Description("Blocks a person or a community for the caller: what they make leaves the caller's feeds, search,"
            + " notifications and comment lists (a placeholder comment), and a blocked person cannot reply to the"
            + " caller's threads and comments or mention them. A person of another server is sent a Block. True,"
            + " also when blocked already; turns a mute into a block. At most 1000 (CONFLICT beyond).")
    public Uni<@NonNull Boolean> block(@Name("input") @NonNull BlockInputs.Target input) {
        return service.block(input);
    }

    @Mutation("unblock")
    @Description("Lifts the caller's block: true when there was one (a mute is left as it is).")
    public Uni<@NonNull Boolean> unblock(@Name("input") @NonNull BlockInputs.Target input) {
        return service.unblock(input);
    }

    @Mutation("mute")
    @Description("Mutes a person or a community for the caller: what they make is hidden as with a block, but they"
            + " may still reply and mention. True, also when muted or blocked already. At most 1000 (CONFLICT"
            + " beyond).")
    public Uni<@NonNull Boolean> mute(@Name("input") @NonNull BlockInputs.Target input) {
        return service.mute(input);
    }

    @Mutation("unmute")
    @Description("Lifts the caller's mute: true when there was one (a block is left as it is).")
    public Uni<@NonNull Boolean> unmute(@Name("input") @NonNull BlockInputs.Target input) {
        return service.unmute(input);
    }

    @Mutation("blockUserDomain")
    @Description("Blocks a server for the caller alone: its people and communities are hidden as if each were"
            + " blocked (instance-wide blocks are the admins' blockDomain). True, also when blocked already; this"
            + " instance's own domain is INVALID_INPUT. At most 1000 (CONFLICT beyond).")
    public Uni<@NonNull Boolean> blockUserDomain(@Name("input") @NonNull BlockInputs.Domain input) {
        return service.blockDomain(input);
    }

    @Mutation("unblockUserDomain")
    @Description("Lifts the caller's block of a server: true when there was one.")
    public Uni<@NonNull Boolean> unblockUserDomain(@Name("input") @NonNull BlockInputs.Domain input) {
        return service.unblockDomain(input);
    }

    @Query("myBlocks")
    @Description("The people and communities the caller blocks, newest first. Signed-in callers only.")
    public Uni<@NonNull List<@NonNull Node>> myBlocks() {
        return accounts.requireViewer().chain(v -> queries.of(v, false));
    }

    @Query("myMutes")
    @Description("The people and communities the caller mutes, newest first. Signed-in callers only.")
    public Uni<@NonNull List<@NonNull Node>> myMutes() {
        return accounts.requireViewer().chain(v -> queries.of(v, true));
    }

    @Query("myBlockedDomains")
    @Description("The servers the caller blocks, in alphabetical order. Signed-in callers only.")
    public Uni<@NonNull List<@NonNull String>> myBlockedDomains() {
        return accounts.requireViewer().chain(queries::domains);
    }
}
