package org.lyceum.content;

import java.util.UUID;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.jspecify.annotations.Nullable;
import org.lyceum.database.SqlRow;
import org.lyceum.graphql.GraphQLLong;

/** A resource's file as the frontend shows it before anyone opens it. */
@Name("ResourceFile")
@Description("A file uploaded to this instance as a resource.")
public record ResourceFileView(
        @NonNull @Description("As read from the file's bytes when it was uploaded.") String mediaType,
        @NonNull @Description("In bytes.") GraphQLLong size,
        @NonNull @Description("The uploader's file name, made safe.") String name,
        @Ignore UUID mediaId) {

    /** From the {@code fm_} columns of {@link ContentSql}; null for a link. */
    static @Nullable ResourceFileView from(SqlRow r) {
        UUID id = r.getUUID("fm_id");
        return id == null
                ? null
                : new ResourceFileView(
                        r.getString("fm_media_type"), GraphQLLong.of(r.getLong("fm_size")), r.getString("fm_name"), id);
    }
}
