package org.lyceum.export;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Data exports (exportMyData). */
@ConfigMapping(prefix = "lyceum.export")
public interface ExportConfig {

    /** How long an archive can be downloaded after it is ready; then its signed URL stops working and the file goes. */
    @WithDefault("7d")
    Duration validity();

    /**
     * How often the data-export job looks for archives to build; a request waits at most about this
     * long before its archive is started.
     */
    @WithDefault("10s")
    String every();

    /**
     * A new export is built at most this often per person: asking again sooner answers the latest
     * one, so the button cannot be used to keep the server busy.
     */
    @WithDefault("1h")
    Duration minInterval();
}
