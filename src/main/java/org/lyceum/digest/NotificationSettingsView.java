package org.lyceum.digest;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("NotificationSettings")
@Description("The caller's email notification choices.")
public record NotificationSettingsView(
        @NonNull DigestFrequency digest,
        @NonNull @Description("IANA time zone, such as Europe/Rome.") String timeZone,
        @Description("Local hour (0-23) after which the digest is sent.") int hour,
        @Description("False while the instance's defaults apply.") boolean chosen) {}
