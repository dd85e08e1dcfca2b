package org.lyceum.block;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

/** Inputs of blocks and mutes. */
public final class BlockInputs {

    private BlockInputs() {}

    @Name("BlockInput")
    @Description("A person or a community, to block, unblock, mute or unmute.")
    public record Target(@Id @NonNull String id) {}

    @Name("UserDomainInput")
    @Description("A server's domain (example.org; a URL, upper case and Unicode names are normalised), to block for"
            + " oneself.")
    public record Domain(@NonNull String domain) {}
}
