package org.lyceum.notification;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.lyceum.account.AccountService;
import org.lyceum.account.PersonQueries;
import org.lyceum.account.PersonView;
import org.lyceum.community.CommunityQueries;
import org.lyceum.community.CommunityView;
import org.lyceum.content.ContentLoader;
import org.lyceum.graphql.Batches;
import org.lyceum.graphql.Node;
import org.lyceum.notification.Notice.ObjectType;

/**
 * The people, communities and objects that notifications and moderation log entries name, as the
 * caller may see them: per request, each kind in one statement for a whole page.
 */
@ApplicationScoped
public class NodeLoader {

    private record PeopleLoad(@Nullable UUID viewer) {}

    private record CommunitiesLoad(@Nullable UUID viewer) {}

    private final AccountService accounts;
    private final ContentLoader content;
    private final CommunityQueries communities;
    private final PersonQueries people;
    private final Batches batches;

    NodeLoader(
            AccountService accounts,
            ContentLoader content,
            CommunityQueries communities,
            PersonQueries people,
            Batches batches) {
        this.accounts = accounts;
        this.content = content;
        this.communities = communities;
        this.people = people;
        this.batches = batches;
    }

    public Uni<PersonView> person(@Nullable UUID id) {
        return id == null
                ? Uni.createFrom().nullItem()
                : accounts.viewer()
                        .chain(v -> batches.load(new PeopleLoad(v.personId()), id, ids -> people.byIds(v, ids)));
    }

    public Uni<CommunityView> community(@Nullable UUID id) {
        return id == null
                ? Uni.createFrom().nullItem()
                : accounts.viewer()
                        .chain(v ->
                                batches.load(new CommunitiesLoad(v.personId()), id, ids -> communities.byIds(v, ids)));
    }

    /** What {@code type} and {@code id} name, or null when either is null or the caller may not see it. */
    public Uni<Node> node(@Nullable ObjectType type, @Nullable UUID id) {
        if (type == null || id == null) {
            return Uni.createFrom().nullItem();
        }
        Uni<? extends Node> found =
                switch (type) {
                    case CONTENT -> accounts.viewer().chain(v -> content.byId(v, id));
                    case COMMUNITY -> community(id);
                    case PERSON -> person(id);
                };
        return found.map(node -> (Node) node);
    }
}
