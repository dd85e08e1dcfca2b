package org.lyceum.federation.policy;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

public final class PolicyInputs {

    private PolicyInputs() {}

    @Name("BlockDomainInput")
    public record Block(
            @NonNull String domain,
            @NonNull Severity severity,
            Boolean rejectMedia,
            Boolean rejectReports,
            String publicComment,
            Boolean obfuscate) {}

    @Name("DomainInput")
    public record Domain(@NonNull String domain) {}

    @Name("ImportDomainBlocksInput")
    @Description(
            "Mastodon's domain block CSV: #domain,#severity,#reject_media,#reject_reports,#public_comment,#obfuscate")
    public record Import(@NonNull String csv) {}
}
