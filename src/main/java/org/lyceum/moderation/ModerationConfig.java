package org.lyceum.moderation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "lyceum.moderation")
public interface ModerationConfig {

    /**
     * Whether everyone sees who acted in the moderation log; when false (the default) only instance
     * admins and moderators do, and others see the action without the moderator's name.
     */
    @WithDefault("false")
    boolean showModeratorNames();
}
