package org.lyceum.instance;

import io.smallrye.common.annotation.NonBlocking;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.lyceum.account.RegistrationConfig;

@GraphQLApi
public class InstanceGraphQL {

    @Inject
    InstanceConfig instance;

    @Inject
    RegistrationConfig registration;

    @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown")
    String version;

    @Query("instance")
    @Description("This instance: its name, software and policies. Open to anyone.")
    @NonBlocking
    public @NonNull InstanceView instance() {
        return new InstanceView(
                instance.name(),
                instance.description(),
                "lyceum",
                version,
                registration.policy(),
                instance.baseUrl(),
                instance.contactEmail().orElse(null));
    }
}
