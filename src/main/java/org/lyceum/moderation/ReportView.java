package org.lyceum.moderation;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.lyceum.account.PersonView;
import org.lyceum.community.CommunityView;
import org.lyceum.content.Content;

@Name("Report")
@Description("A report of content or of a person, made here or sent by another server. Moderators only.")
public record ReportView(
        @org.eclipse.microprofile.graphql.Id @NonNull String id,
        String reason,
        @NonNull OffsetDateTime createdAt,
        OffsetDateTime resolvedAt,
        @Description("The reporter, when known; reports from other servers come from their instance actor.")
                PersonView reporter,
        @Description("The server a report came from; null for reports made here.") String reporterHost,
        @Description("The reported content, while it still exists.") Content object,
        @Description("The reported person, or the author of the reported content.") PersonView person,
        CommunityView community,
        @Ignore UUID uuid) {}
