package org.lyceum.notification;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "lyceum.notifications")
public interface NotificationConfig {

    /** How long a notification is kept, read or not; the daily notification-prune job deletes older ones. */
    @WithDefault("90d")
    Duration keep();
}
