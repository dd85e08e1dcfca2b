package org.lyceum.moderation;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

public final class ModerationInputs {

    private ModerationInputs() {}

    @Name("ReportInput")
    public record Report(
            @NonNull @Id @Description("A thread, comment, resource, collection or person.") String id,
            String reason,
            @Description("Also send the report (without the reporter's name, but with the reason) to the server"
                            + " that hosts what is reported, when that is another server. Default false.")
                    Boolean forward) {}

    @Name("BanInput")
    public record Ban(
            @NonNull @Id String communityId,
            @NonNull @Id String personId,
            String reason,
            @Description("When the ban ends on its own; none: until unbanned. Must be in the future.")
                    java.time.OffsetDateTime until) {}

    @Name("UnbanInput")
    public record Unban(@NonNull @Id String communityId, @NonNull @Id String personId) {}

    @Name("ResolveReportInput")
    public record Resolve(@NonNull @Id String id) {}
}
