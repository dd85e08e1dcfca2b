package org.lyceum.community;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.lyceum.account.AccountService;
import org.lyceum.account.Viewer;
import org.lyceum.common.DomainException;
import org.lyceum.common.GlobalId;
import org.lyceum.database.Sql;

/**
 * How a change of one community runs: in a transaction, with the community's row locked so that
 * membership changes are serialised, then the community read again as the caller now sees it.
 */
@ApplicationScoped
class CommunityChanges {

    private final Sql sql;
    private final AccountService accounts;
    private final CommunityQueries queries;

    CommunityChanges(Sql sql, AccountService accounts, CommunityQueries queries) {
        this.sql = sql;
        this.accounts = accounts;
        this.queries = queries;
    }

    @FunctionalInterface
    interface Change {
        Uni<Void> apply(Viewer viewer, Sql tx, Standing standing);
    }

    /** Runs a change of one community in a transaction, then reads the community as the caller now sees it. */
    Uni<CommunityView> withStanding(String globalId, Change change) {
        UUID id = GlobalId.uuid("id", globalId, CommunityView.TYPE);
        return accounts.requireViewer().chain(viewer -> sql.transaction(
                        tx -> lockedStanding(tx, viewer, id).chain(standing -> change.apply(viewer, tx, standing)))
                .chain(() -> queries.byId(viewer, id))
                .onItem()
                .ifNull()
                .failWith(() -> DomainException.notFound("community")));
    }

    Uni<CommunityPayloads.OfMember> memberChange(String communityGlobalId, UUID personId, Change change) {
        UUID id = GlobalId.uuid("communityId", communityGlobalId, CommunityView.TYPE);
        return accounts.requireViewer().chain(viewer -> sql.transaction(
                        tx -> lockedStanding(tx, viewer, id).chain(standing -> change.apply(viewer, tx, standing)))
                .chain(() -> queries.byId(viewer, id))
                .chain(community ->
                        queries.member(viewer, id, personId).map(m -> new CommunityPayloads.OfMember(community, m))));
    }

    /** Membership changes of one community are serialised by locking its row. */
    private Uni<Standing> lockedStanding(Sql tx, Viewer viewer, UUID id) {
        return tx.run("select 1 from community where id = $1 for update", id)
                .chain(() -> queries.standing(tx, viewer, id));
    }
}
