package org.lyceum.digest;

import org.eclipse.microprofile.graphql.Description;

@Description("How often a person gets a digest email of what is new in what they follow.")
public enum DigestFrequency {
    OFF,
    DAILY,
    @Description("On Mondays.")
    WEEKLY
}
