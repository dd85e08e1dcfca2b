package org.lyceum.resource;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

/** Inputs of the collection and resource mutations. Codes come from the vocabularies query. */
public final class ResourceInputs {

    private ResourceInputs() {}

    @Name("CreateCollectionInput")
    public record CreateCollection(@Id @NonNull String communityId, @NonNull String title, String summary) {}

    @Name("UpdateCollectionInput")
    @Description("Fields left out stay as they are; an empty summary clears it.")
    public record UpdateCollection(@Id @NonNull String id, String title, String summary) {}

    @Name("CreateResourceInput")
    public record Create(
            @Id @NonNull String collectionId,
            @NonNull String title,
            String description,
            @Description("An http or https URL; or give fileId instead.") String url,
            @Id @Description("An upload of yours (POST /uploads?purpose=RESOURCE) instead of a url.") String fileId,
            String licence,
            String language,
            Integer level,
            String subject,
            String resourceType,
            String attribution) {}

    @Name("UpdateResourceInput")
    @Description("Fields left out stay as they are; an empty optional text or code clears it.")
    public record Update(
            @Id @NonNull String id,
            String title,
            String description,
            @Description("A link instead of the file, if it was one.") String url,
            @Id @Description("An upload of yours (POST /uploads?purpose=RESOURCE) instead of the link or file.")
                    String fileId,
            String licence,
            String language,
            Integer level,
            String subject,
            String resourceType,
            String attribution) {}

    @Name("MoveResourceInput")
    public record Move(
            @Id @NonNull String id,
            @Id @Description("Another collection of the same community; the current one when left out.")
                    String collectionId,
            @Description("The new place, from 0; past the end means last.") int position) {}
}
