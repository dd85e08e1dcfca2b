package org.lyceum.moderation;

import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.lyceum.content.Content;
import org.lyceum.content.ThreadView;

/** Removing, restoring, purging and locking content (docs/moderation.md). */
@GraphQLApi
public class ContentModerationGraphQL {

    private final ContentModeration moderation;

    ContentModerationGraphQL(ContentModeration moderation) {
        this.moderation = moderation;
    }

    @Mutation("removeObject")
    @Description("Removes a collection, resource, thread or comment: hidden from everyone (a thread with its comments),"
            + " reversible with restoreObject, logged, and its author told the reason. The community's owner and"
            + " moderators, and instance admins and moderators.")
    public Uni<@NonNull Boolean> removeObject(@Name("input") @NonNull ContentModerationInputs.Remove input) {
        return moderation.remove(input);
    }

    @Mutation("restoreObject")
    @Description(
            "Undoes a removal and answers the content. Who may remove may restore; CONFLICT when it is not removed.")
    public Uni<@NonNull Content> restoreObject(@Name("input") @NonNull ContentModerationInputs.Restore input) {
        return moderation.restore(input);
    }

    @Mutation("purgeObject")
    @Description("Deletes content for good, with what is under it (a collection's resources, a thread's comments);"
            + " the moderation log keeps its title. Instance admins only.")
    public Uni<@NonNull Boolean> purgeObject(@Name("input") @NonNull ContentModerationInputs.Purge input) {
        return moderation.purge(input);
    }

    @Mutation("lockThread")
    @Description("Locks a thread: no new replies but its community's moderators' and instance staff's. The community's"
            + " owner and moderators, and instance admins and moderators.")
    public Uni<@NonNull ThreadView> lockThread(@Name("input") @NonNull ContentModerationInputs.Lock input) {
        return moderation.lock(input, true);
    }

    @Mutation("unlockThread")
    @Description("Unlocks a locked thread. Who may lock may unlock.")
    public Uni<@NonNull ThreadView> unlockThread(@Name("input") @NonNull ContentModerationInputs.Lock input) {
        return moderation.lock(input, false);
    }
}
