package org.lyceum.media;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lyceum.support.Api;
import org.lyceum.support.Api.User;
import org.lyceum.support.GraphQL;

/** Uploads used through GraphQL: a resource's file, icons and banners, and the limits the frontend reads. */
@QuarkusTest
class MediaGraphQLTest {

    private static final Path FIXTURES = Path.of("src/test/resources/media");
    private static final String CREATE = "mutation($input: CreateResourceInput!) { createResource(input: $input)"
            + " { resource { id url file { mediaType size name } } } }";
    private static final String UPDATE = "mutation($input: UpdateResourceInput!) { updateResource(input: $input)"
            + " { resource { url file { name } } } }";

    static String upload(User user, String purpose, String file) {
        return given().auth()
                .oauth2(user.token())
                .multiPart("file", FIXTURES.resolve(file).toFile())
                .post("/uploads?purpose=" + purpose)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** The path and query of a URL this instance serves (tests reach it on the test port). */
    private static String local(String url) {
        URI uri = URI.create(url);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    private static Map<String, Object> resource(String collection, Map<String, Object> fields) {
        Map<String, Object> input = new HashMap<>(fields);
        input.put("collectionId", collection);
        input.put("title", "Fractions worksheet");
        return input;
    }

    @Test
    void aResourceIsAFileServedWhereItsUrlSays() throws Exception {
        User teacher = Api.user("teacher");
        String collection = Api.collection(teacher, Api.community(teacher, "PUBLIC"));
        String file = upload(teacher, "RESOURCE", "worksheet.pdf");
        byte[] pdf = Files.readAllBytes(FIXTURES.resolve("worksheet.pdf"));

        String url = Api.call(teacher, CREATE, Map.of("input", resource(collection, Map.of("fileId", file))))
                .body("errors", nullValue())
                .body("data.createResource.resource.file.mediaType", equalTo("application/pdf"))
                .body("data.createResource.resource.file.size", equalTo(pdf.length))
                .body("data.createResource.resource.file.name", equalTo("worksheet.pdf"))
                .body("data.createResource.resource.url", endsWith("/worksheet.pdf"))
                .body("data.createResource.resource.url", not(containsString("sig=")))
                .extract()
                .path("data.createResource.resource.url");
        byte[] served = given().get(local(url))
                .then()
                .statusCode(200)
                .header("Content-Type", startsWith("application/pdf"))
                .extract()
                .asByteArray();
        assertArrayEquals(pdf, served);

        // One upload may be attached twice (the same worksheet in two collections).
        Api.call(teacher, CREATE, Map.of("input", resource(collection, Map.of("fileId", file))))
                .body("errors", nullValue());

        // Switching to a link drops the file; switching back takes it again.
        String id = Api.call(teacher, CREATE, Map.of("input", resource(collection, Map.of("fileId", file))))
                .extract()
                .path("data.createResource.resource.id");
        Api.call(teacher, UPDATE, Map.of("input", Map.of("id", id, "url", "https://example.org/fractions")))
                .body("errors", nullValue())
                .body("data.updateResource.resource.url", equalTo("https://example.org/fractions"))
                .body("data.updateResource.resource.file", nullValue());
        Api.call(teacher, UPDATE, Map.of("input", Map.of("id", id, "fileId", file)))
                .body("errors", nullValue())
                .body("data.updateResource.resource.file.name", equalTo("worksheet.pdf"));
    }

    @Test
    void aFileMustBeTheCallersOwnUploadForAResource() {
        User teacher = Api.user("teacher");
        User other = Api.user("other");
        String collection = Api.collection(teacher, Api.community(teacher, "PUBLIC"));
        String mine = upload(teacher, "RESOURCE", "worksheet.pdf");
        String theirs = upload(other, "RESOURCE", "worksheet.pdf");
        String icon = upload(teacher, "ICON", "transparent.png");

        Api.call(teacher, CREATE, Map.of("input", resource(collection, Map.of())))
                .body("errors[0].extensions.code", equalTo("INVALID_INPUT"));
        Api.call(
                        teacher,
                        CREATE,
                        Map.of("input", resource(collection, Map.of("fileId", mine, "url", "https://example.org/x"))))
                .body("errors[0].extensions.code", equalTo("INVALID_INPUT"));
        Api.call(teacher, CREATE, Map.of("input", resource(collection, Map.of("fileId", theirs))))
                .body("errors[0].extensions.code", equalTo("NOT_FOUND"));
        Api.call(teacher, CREATE, Map.of("input", resource(collection, Map.of("fileId", icon))))
                .body("errors[0].extensions.code", equalTo("INVALID_INPUT"));
        Api.call(teacher, CREATE, Map.of("input", resource(collection, Map.of("fileId", "not-an-id"))))
                .body("errors[0].extensions.code", equalTo("INVALID_INPUT"));
        // Nothing was half-written: the collection is still empty.
        Api.call(teacher, "query($id: ID!) { collection(id: $id) { resourceCount } }", Map.of("id", collection))
                .body("data.collection.resourceCount", equalTo(0));
    }

    @Test
    void aPrivateCommunitysFileIsServedThroughSignedUrlsOnly() {
        User teacher = Api.user("teacher");
        String collection = Api.collection(teacher, Api.community(teacher, "PRIVATE"));
        String file = upload(teacher, "RESOURCE", "lesson-plan.docx");
        String url = Api.call(teacher, CREATE, Map.of("input", resource(collection, Map.of("fileId", file))))
                .body("errors", nullValue())
                .body("data.createResource.resource.url", containsString("sig="))
                .extract()
                .path("data.createResource.resource.url");
        // A plain link: no Authorization header.
        given().get(local(url)).then().statusCode(200).header("Content-Disposition", startsWith("attachment"));
        given().get(URI.create(url).getRawPath()).then().statusCode(404);
    }

    @Test
    void iconsAndBannersOfPeopleAndCommunities() {
        User teacher = Api.user("teacher");
        String icon = upload(teacher, "ICON", "photo-exif-gps.jpg");
        String banner = upload(teacher, "BANNER", "banner.gif");
        String iconUrl = Api.call(
                        teacher,
                        "mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { person { iconUrl bannerUrl } } }",
                        Map.of("input", Map.of("iconId", icon, "bannerId", banner)))
                .body("errors", nullValue())
                .body("data.updateProfile.person.bannerUrl", containsString("/media/"))
                .extract()
                .path("data.updateProfile.person.iconUrl");
        given().get(local(iconUrl)).then().statusCode(200).header("Content-Type", equalTo("image/jpeg"));
        given().get(local(iconUrl) + "?size=64").then().statusCode(200);

        String communityIcon = upload(teacher, "ICON", "transparent.png");
        Api.call(
                        teacher,
                        "mutation($input: CreateCommunityInput!) { createCommunity(input: $input)"
                                + " { community { iconUrl bannerUrl } } }",
                        Map.of(
                                "input",
                                Map.of(
                                        "name",
                                        Api.unique("c").toLowerCase(java.util.Locale.ROOT),
                                        "title",
                                        "Maths",
                                        "iconId",
                                        communityIcon)))
                .body("errors", nullValue())
                .body("data.createCommunity.community.iconUrl", containsString("/media/"))
                .body("data.createCommunity.community.bannerUrl", nullValue());

        // A banner is not an icon; an empty id removes the image.
        Api.call(
                        teacher,
                        "mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { person { iconUrl } } }",
                        Map.of("input", Map.of("iconId", banner)))
                .body("errors[0].extensions.code", equalTo("INVALID_INPUT"));
        Api.call(
                        teacher,
                        "mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { person { iconUrl bannerUrl } } }",
                        Map.of("input", Map.of("bannerId", "")))
                .body("errors", nullValue())
                .body("data.updateProfile.person.iconUrl", equalTo(iconUrl))
                .body("data.updateProfile.person.bannerUrl", nullValue());
    }

    @Test
    void theLimitsAreOpenToAnyone() {
        GraphQL.anonymous(
                        "{ instance { uploadLimits { maxSize iconMaxSize bannerMaxSize allowedTypes imageTypes quota } } }")
                .body("errors", nullValue())
                .body("data.instance.uploadLimits.maxSize", equalTo(50 * 1024 * 1024))
                .body("data.instance.uploadLimits.iconMaxSize", equalTo(5 * 1024 * 1024))
                .body("data.instance.uploadLimits.bannerMaxSize", equalTo(10 * 1024 * 1024))
                .body("data.instance.uploadLimits.allowedTypes", hasItem("application/pdf"))
                .body("data.instance.uploadLimits.imageTypes", not(hasItem("image/svg+xml")))
                .body("data.instance.uploadLimits.quota", equalTo(1024 * 1024 * 1024));
    }
}
