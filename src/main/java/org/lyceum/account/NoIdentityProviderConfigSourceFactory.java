package org.lyceum.account;

import io.quarkus.runtime.ExecutionMode;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The zero-configuration default has no identity provider: quarkus-oidc would refuse to start
 * without {@code quarkus.oidc.auth-server-url}, so switch its default tenant off and serve
 * anonymous requests only. Setting the URL, a verification public key or tenant-enabled
 * explicitly wins.
 */
public class NoIdentityProviderConfigSourceFactory implements ConfigSourceFactory {

    /** Below application.properties (250), so any explicit setting overrides this one. */
    private static final int ORDINAL = 200;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        boolean configured = isSet(context, "quarkus.oidc.auth-server-url")
                || isSet(context, "quarkus.oidc.public-key")
                || context.getProfiles().stream()
                        .anyMatch(p -> isSet(context, "%" + p + ".quarkus.oidc.auth-server-url"));
        // Not while Quarkus builds: values seen then are recorded as runtime defaults and would
        // switch the tenant off even where the URL is given at runtime.
        if (configured || ExecutionMode.current() == ExecutionMode.UNSET) {
            return List.of();
        }
        return List.of(new PropertiesConfigSource(
                Map.of("quarkus.oidc.tenant-enabled", "false"), "lyceum-no-identity-provider", ORDINAL));
    }

    private static boolean isSet(ConfigSourceContext context, String key) {
        ConfigValue value = context.getValue(key);
        // The raw value counts: an expression such as ${keycloak.url} may not be resolvable yet.
        return value != null
                && value.getRawValue() != null
                && !value.getRawValue().isBlank();
    }
}
