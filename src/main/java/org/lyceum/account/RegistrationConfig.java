package org.lyceum.account;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/** Who may register. */
@ConfigMapping(prefix = "lyceum.registration")
public interface RegistrationConfig {

    /** {@code open}, {@code invite} or {@code closed}. */
    @WithDefault("open")
    RegistrationPolicy policy();

    /**
     * Under {@code invite}: email domains (exact, case-insensitive, e.g. {@code school.example})
     * whose verified addresses may register without an invite.
     */
    Optional<List<String>> allowedDomains();
}
