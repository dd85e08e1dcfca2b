package org.lyceum.digest;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

public final class NotificationInputs {

    private NotificationInputs() {}

    @Name("UpdateNotificationSettingsInput")
    @Description("Fields left out keep their current value.")
    public record UpdateNotificationSettings(DigestFrequency digest, String timeZone, Integer hour) {}

    @Name("UpdateNotificationSettingsPayload")
    public record Payload(@NonNull NotificationSettingsView settings) {}
}
