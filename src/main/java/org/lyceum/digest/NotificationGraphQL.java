package org.lyceum.digest;

import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

@GraphQLApi
public class NotificationGraphQL {

    private final NotificationSettings settings;

    NotificationGraphQL(NotificationSettings settings) {
        this.settings = settings;
    }

    @Query("notificationSettings")
    @Description("The caller's email notification choices.")
    public Uni<@NonNull NotificationSettingsView> notificationSettings() {
        return settings.mine();
    }

    @Mutation("updateNotificationSettings")
    @Description("Changes how often and when the caller gets digest emails.")
    public Uni<NotificationInputs.Payload> updateNotificationSettings(
            @Name("input") @NonNull NotificationInputs.UpdateNotificationSettings input) {
        return Uni.createFrom().deferred(() -> settings.update(input)).map(NotificationInputs.Payload::new);
    }
}
