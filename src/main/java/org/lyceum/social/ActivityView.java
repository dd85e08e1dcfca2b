package org.lyceum.social;

import java.time.OffsetDateTime;
import java.util.Objects;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.lyceum.account.PersonView;
import org.lyceum.activity.Verb;
import org.lyceum.common.GlobalId;
import org.lyceum.community.CommunityView;
import org.lyceum.content.Content;
import org.lyceum.content.ContentSql;
import org.lyceum.database.SqlRow;
import org.lyceum.graphql.Node;

@Name("Activity")
@Description("Something that happened: for now, something was created in a community.")
public record ActivityView(
        @Id @NonNull String id,
        @NonNull Verb verb,
        @NonNull OffsetDateTime published,
        @NonNull PersonView actor,
        @NonNull CommunityView community,
        @NonNull Content object)
        implements Node {

    public static final String TYPE = "Activity";

    @Override
    @Id
    @NonNull
    public String getId() {
        return id;
    }

    public static ActivityView from(SqlRow r) {
        Content object = ContentSql.from(r);
        return new ActivityView(
                GlobalId.of(TYPE, r.getUUID("act_id")),
                Verb.valueOf(r.getString("verb")),
                r.getOffsetDateTime("published_at"),
                Objects.requireNonNull(PersonView.from(r, "p_"), "an activity's actor is joined by its id"),
                Objects.requireNonNull(CommunityView.from(r, "m_"), "content's community is joined by its id"),
                object);
    }
}
