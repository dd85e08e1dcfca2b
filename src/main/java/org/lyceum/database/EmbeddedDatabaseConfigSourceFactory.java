package org.lyceum.database;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jspecify.annotations.Nullable;

/**
 * The zero-configuration default: when no datasource URL is configured (by properties or by
 * the standard QUARKUS_DATASOURCE_* env vars), start an embedded PostgreSQL under
 * {@code lyceum.data-dir} and point Quarkus at it. Runs while configuration is assembled, which is
 * the only moment a datasource URL can still be supplied.
 */
public class EmbeddedDatabaseConfigSourceFactory implements ConfigSourceFactory {

    static final String DATA_DIR = "lyceum.data-dir";
    static final String ENABLED = "lyceum.database.embedded";
    private static final List<String> URL_KEYS =
            List.of("quarkus.datasource.reactive.url", "quarkus.datasource.jdbc.url");
    /** Below system properties (400) and env vars (300), above application.properties (250). */
    private static final int ORDINAL = 275;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (!isRuntime()
                || URL_KEYS.stream().anyMatch(key -> isSet(context, key))
                || "false".equalsIgnoreCase(value(context, ENABLED, "true"))) {
            return List.of();
        }
        Path dataDir = Path.of(value(context, DATA_DIR, "./data")).resolve("postgres");
        EmbeddedDatabase db = EmbeddedDatabase.startOnce(dataDir);
        return List.of(new PropertiesConfigSource(
                Map.of(
                        "quarkus.datasource.jdbc.url",
                        db.jdbcUrl(EmbeddedDatabase.DATABASE),
                        "quarkus.datasource.reactive.url",
                        db.reactiveUrl(EmbeddedDatabase.DATABASE),
                        "quarkus.datasource.username",
                        EmbeddedDatabase.USER,
                        "quarkus.datasource.password",
                        ""),
                "lyceum-embedded-database",
                ORDINAL));
    }

    /**
     * Quarkus also reads configuration while it builds the application; a database started then
     * would outlive the build. Only the running application may start one, and not the run that
     * records an AppCDS archive ({@code -Dquarkus.appcds.generate=true}): it stops after static
     * initialisation and needs no database.
     */
    private static boolean isRuntime() {
        return io.quarkus.runtime.ExecutionMode.current() != io.quarkus.runtime.ExecutionMode.UNSET
                && !Boolean.getBoolean("quarkus.appcds.generate");
    }

    private static boolean isSet(ConfigSourceContext context, String key) {
        // The raw value counts: an expression may not be resolvable while configuration is assembled.
        ConfigValue plain = context.getValue(key);
        return value(context, key, null) != null
                || (plain != null
                        && plain.getRawValue() != null
                        && !plain.getRawValue().isBlank());
    }

    /** The value for {@code key}, honouring the active profiles as Quarkus does. */
    private static @Nullable String value(ConfigSourceContext context, String key, @Nullable String fallback) {
        for (String profile : context.getProfiles()) {
            ConfigValue profiled = context.getValue("%" + profile + "." + key);
            if (profiled != null
                    && profiled.getValue() != null
                    && !profiled.getValue().isBlank()) {
                return profiled.getValue();
            }
        }
        ConfigValue plain = context.getValue(key);
        return plain != null && plain.getValue() != null && !plain.getValue().isBlank() ? plain.getValue() : fallback;
    }
}
