package org.lyceum.federation.policy;

import org.eclipse.microprofile.graphql.Description;

@Description("What a domain block does, in Mastodon's terms.")
public enum Severity {
    @Description("No federation at all: nothing is received from, fetched from or sent to the domain.")
    SUSPEND,
    @Description("Its people may follow and be followed, but cannot post or react in this instance's communities.")
    SILENCE,
    @Description("Only the media and report options apply.")
    NOOP
}
