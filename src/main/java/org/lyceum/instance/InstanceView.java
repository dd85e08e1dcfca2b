package org.lyceum.instance;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.jspecify.annotations.Nullable;
import org.lyceum.account.RegistrationPolicy;

@Name("Instance")
@Description("What this Lyceum instance says about itself.")
public record InstanceView(
        @NonNull String name,
        @NonNull String description,
        @NonNull @Description("The server software, always \"lyceum\".") String software,
        @NonNull String version,
        @NonNull @Description("Who may create an account here.") RegistrationPolicy registrationPolicy,
        @NonNull @Description("The public URL from which this instance's ActivityPub ids are built.") String baseUrl,
        @Nullable String contactEmail) {}
